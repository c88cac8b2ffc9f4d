import type { Cookies } from '@sveltejs/kit';
import type { Me } from '#contracts/auth.ts';

/** Which of their organisations a person with several memberships is looking at (UX.md: "the choice is kept"). */
export const ORGANISATION_COOKIE = 'samverkan_organisation';
const ONE_YEAR = 365 * 24 * 3600;

export type OrganisationOption = { id: string; name: string };

/** The organisations among the person's memberships, once each, in the order of the memberships. */
export function organisationsOf(user: Me): OrganisationOption[] {
  const seen = new Map<string, string>();
  for (const m of user.memberships) if (m.organisationId && !seen.has(m.organisationId)) seen.set(m.organisationId, m.organisationName ?? '');
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** The chosen organisation, if the cookie names one of the person's own; else the first (null without any). */
export function chosenOrganisation(user: Me, cookies: Cookies): string | null {
  const options = organisationsOf(user);
  const wanted = cookies.get(ORGANISATION_COOKIE);
  return options.find((o) => o.id === wanted)?.id ?? options[0]?.id ?? null;
}

/** What the top bar's picker shows: only for someone with more than one organisation. */
export function organisationPicker(user: Me | null, cookies: Cookies) {
  if (!user) return null;
  const options = organisationsOf(user);
  return options.length > 1 ? { options, chosen: chosenOrganisation(user, cookies) } : null;
}

/** Keeps the choice for a year. Not a secret, but no script needs it, so httpOnly. */
export function rememberOrganisation(cookies: Cookies, id: string, secure: boolean) {
  cookies.set(ORGANISATION_COOKIE, id, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: ONE_YEAR });
}
