import type { Me, Role } from '#contracts/auth.ts';
import { t } from './i18n.ts';
import type { MessageKey } from './messages/sv.ts';

type NavItem = { href: string; label: MessageKey; roles: readonly Role[] | 'all' };

// The top bar per role (UX.md). Later features add their pages here.
const items: readonly NavItem[] = [
  { href: '/', label: 'nav.start', roles: 'all' },
  { href: '/walk-and-talk', label: 'nav.walkAndTalk', roles: ['pedagogue', 'principal', 'pupil_health'] },
  { href: '/mina-bokningar', label: 'nav.myBookings', roles: ['pedagogue', 'principal', 'pupil_health'] },
  { href: '/min-vecka', label: 'nav.myWeek', roles: ['social_worker', 'team_lead'] },
  { href: '/walk-and-talk/serier', label: 'nav.series', roles: ['social_worker', 'team_lead'] },
  { href: '/moten', label: 'nav.meetings', roles: ['principal', 'pupil_health', 'partner', 'police', 'social_worker', 'team_lead'] },
  { href: '/aterkoppling', label: 'nav.feedback', roles: ['principal', 'pupil_health', 'partner', 'police'] },
  { href: '/arenden', label: 'nav.cases', roles: ['social_worker', 'team_lead'] },
  { href: '/uppfoljning', label: 'nav.figures', roles: ['team_lead', 'social_worker', 'principal', 'district_admin', 'admin'] },
  { href: '/kontaktpersoner', label: 'nav.contacts', roles: ['team_lead'] },
  { href: '/jourschema', label: 'nav.roster', roles: ['team_lead', 'social_worker'] },
  { href: '/franvaro-och-profil', label: 'nav.profile', roles: ['social_worker', 'team_lead'] },
  { href: '/admin/verksamheter', label: 'nav.organisations', roles: ['admin', 'district_admin'] },
  { href: '/admin/personer', label: 'nav.people', roles: ['admin', 'district_admin'] },
  { href: '/admin/las-in', label: 'nav.import', roles: ['admin', 'district_admin'] },
  { href: '/stangda-dagar', label: 'nav.closedDays', roles: ['admin'] },
  { href: '/terminer', label: 'nav.terms', roles: ['principal', 'admin'] },
  { href: '/e-post', label: 'nav.mail', roles: ['admin'] },
];

export function navFor(user: Me): { href: string; label: string }[] {
  const roles = new Set(user.memberships.map((m) => m.role));
  return items.filter((i) => i.roles === 'all' || i.roles.some((r) => roles.has(r))).map(({ href, label }) => ({ href, label: t(label) }));
}
