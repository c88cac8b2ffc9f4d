import type { Me } from '#contracts/auth.ts';
import { en } from './messages/en.ts';
import { sv, type MessageKey } from './messages/sv.ts';

export type Lang = 'sv' | 'en';
export const LANGS: readonly Lang[] = ['sv', 'en'];
const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { sv, en };

// The reader's language. On the server each request carries its own (hooks.server.ts hands over
// a reader of the request's context, so two readers never share one); in the browser there is one
// reader, and the root layout says which language the page was rendered in before anything is shown.
const reader: { current: () => Lang } = { current: () => 'sv' };

/** The server tells where a request's language is found (called once, at start). */
export function readLanguageFrom(current: () => Lang) {
  reader.current = current;
}

/** The browser's language: the one the server rendered the page in. */
export function useBrowserLanguage(lang: Lang) {
  if (typeof window !== 'undefined') reader.current = () => lang;
}

export function language(): Lang {
  return reader.current();
}

/** Looks up a text in the reader's language and fills in `{name}`-style placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return CATALOGUES[language()][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

type Membership = Me['memberships'][number];

/** A role as a person says it: a principal of a preschool is a förskolechef. */
export function roleLabel(m: Pick<Membership, 'role' | 'organisationKind'>): string {
  if (m.role === 'principal' && (m.organisationKind === 'preschool' || m.organisationKind === 'preschool_unit')) {
    return t('role.principal.preschool');
  }
  return t(`role.${m.role}`);
}

export function kindLabel(kind: NonNullable<Membership['organisationKind']>): string {
  return t(`kind.${kind}`);
}
