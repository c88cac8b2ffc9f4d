/** Only paths on this site are followed after sign-in, never another host (the web's forms and the city sign-in). */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // A Location header holds Latin-1 without control characters; anything else would be a 500.
  if (/[^\x20-\x7e\xa0-\xff]/.test(value)) return '/';
  return value;
}
