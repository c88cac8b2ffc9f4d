/** A phone number as a `tel:` link: the digits and the plus sign only, as phones dial it. */
export const telHref = (phone: string) => `tel:${phone.replace(/[\s-]/g, '')}`;
