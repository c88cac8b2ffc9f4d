import type { Role } from '../contracts/auth.ts';
import type { RouteAccess } from './access.ts';

const roleNames: Record<Role, string> = {
  pedagogue: 'pedagog',
  principal: 'rektor/förskolechef',
  pupil_health: 'elevhälsa',
  police: 'polis',
  partner: 'samverkanspartner',
  social_worker: 'socialsekreterare',
  team_lead: 'enhetschef',
  district_admin: 'stadsdelsadministratör',
  admin: 'systemförvaltare',
};

function who(access: RouteAccess) {
  if (access === 'public') return 'anyone (no session)';
  if (access === 'signed-in') return 'signed in; the service decides per resource';
  return access.map((r) => `${r} (${roleNames[r]})`).join(', ');
}

/** The access table of SECURITY.md, from the routes' own declarations (HEAD twins left out). */
export function accessTableMarkdown(entries: readonly { method: string; url: string; access: RouteAccess }[]) {
  const rows = entries
    .filter((e) => e.method !== 'HEAD' && e.url !== '/api/*')
    .map((e) => `| ${e.method} | \`${e.url}\` | ${who(e.access)} |`);
  return ['| Method | Route | Who may call it |', '|---|---|---|', ...rows].join('\n');
}
