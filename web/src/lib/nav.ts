import type { Me, Role } from '#contracts/auth.ts';
import { t } from './i18n.ts';

type NavItem = { href: string; label: string; roles: readonly Role[] | 'all' };

// The top bar per role (UX.md). Later features add their pages here.
const items: NavItem[] = [
  { href: '/', label: t('nav.start'), roles: 'all' },
  { href: '/walk-and-talk', label: t('nav.walkAndTalk'), roles: ['pedagogue', 'principal', 'pupil_health'] },
  { href: '/mina-bokningar', label: t('nav.myBookings'), roles: ['pedagogue', 'principal', 'pupil_health'] },
  { href: '/min-vecka', label: t('nav.myWeek'), roles: ['social_worker', 'team_lead'] },
  { href: '/walk-and-talk/serier', label: t('nav.series'), roles: ['social_worker', 'team_lead'] },
  { href: '/moten', label: t('nav.meetings'), roles: ['principal', 'pupil_health', 'partner', 'police', 'social_worker', 'team_lead'] },
  { href: '/aterkoppling', label: t('nav.feedback'), roles: ['principal', 'pupil_health', 'partner', 'police'] },
  { href: '/arenden', label: t('nav.cases'), roles: ['social_worker', 'team_lead'] },
  { href: '/uppfoljning', label: t('nav.figures'), roles: ['team_lead', 'social_worker', 'principal', 'district_admin', 'admin'] },
  { href: '/kontaktpersoner', label: t('nav.contacts'), roles: ['team_lead'] },
  { href: '/jourschema', label: t('nav.roster'), roles: ['team_lead', 'social_worker'] },
  { href: '/franvaro-och-profil', label: t('nav.profile'), roles: ['social_worker', 'team_lead'] },
  { href: '/admin/verksamheter', label: t('nav.organisations'), roles: ['admin', 'district_admin'] },
  { href: '/admin/personer', label: t('nav.people'), roles: ['admin', 'district_admin'] },
  { href: '/admin/las-in', label: t('nav.import'), roles: ['admin', 'district_admin'] },
  { href: '/stangda-dagar', label: t('nav.closedDays'), roles: ['admin'] },
  { href: '/terminer', label: t('nav.terms'), roles: ['principal', 'admin'] },
  { href: '/e-post', label: t('nav.mail'), roles: ['admin'] },
];

export function navFor(user: Me): { href: string; label: string }[] {
  const roles = new Set(user.memberships.map((m) => m.role));
  return items.filter((i) => i.roles === 'all' || i.roles.some((r) => roles.has(r))).map(({ href, label }) => ({ href, label }));
}
