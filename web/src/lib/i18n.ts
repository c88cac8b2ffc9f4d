import type { Me } from '#contracts/auth.ts';
import { sv, type MessageKey } from './messages/sv.ts';

/** Looks up a Swedish text and fills in `{name}`-style placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return sv[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
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
