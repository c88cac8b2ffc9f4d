import type { Me, Role } from '#contracts/auth.ts';
import { t } from './i18n.ts';

type NavItem = { href: string; label: string; roles: readonly Role[] | 'all' };

// The top bar per role (UX.md). Later features add their pages here.
const items: NavItem[] = [{ href: '/', label: t('nav.start'), roles: 'all' }];

export function navFor(user: Me): { href: string; label: string }[] {
  const roles = new Set(user.memberships.map((m) => m.role));
  return items.filter((i) => i.roles === 'all' || i.roles.some((r) => roles.has(r))).map(({ href, label }) => ({ href, label }));
}
