// The city's names, all invented and all derived from indexes, so a bench can sign in as anyone
// without reading the database. Every person's password is the demo's (DEMO_PASSWORD).
//
// Indexes are 0-based positions in the plan (db/seed-city/plan.ts):
//   organisation o = 0 … plan.organisations - 1 (plan.kindOf(o): school, preschool_unit or preschool)
//   team t         = 0 … plan.teams - 1 (plan.teamOf(o) is the team serving organisation o)
//   district d     = 0 … plan.districts - 1
//   n              = 0 … count - 1 within its place (plan.pedagoguesAt(o), plan.workersPerTeam)
//
//   cityEmail.pedagogue(o, n)    pedagog-<o>-<n>@skola.provstaden.example   (schools and preschools)
//   cityEmail.principal(o)       rektor-<o>@skola.provstaden.example        (schools and preschool units)
//   cityEmail.pupilHealth(o)     elevhalsa-<o>@skola.provstaden.example     (schools)
//   cityEmail.socialWorker(t, n) soc-<t>-<n>@team.provstaden.example
//   cityEmail.lead(t)            chef-<t>@team.provstaden.example
//   cityEmail.districtAdmin(d)   admin-<d>@provstaden.example

export const CITY_DOMAIN = 'provstaden.example';

export const cityEmail = {
  pedagogue: (o: number, n: number) => `pedagog-${o}-${n}@skola.${CITY_DOMAIN}`,
  principal: (o: number) => `rektor-${o}@skola.${CITY_DOMAIN}`,
  pupilHealth: (o: number) => `elevhalsa-${o}@skola.${CITY_DOMAIN}`,
  socialWorker: (t: number, n: number) => `soc-${t}-${n}@team.${CITY_DOMAIN}`,
  lead: (t: number) => `chef-${t}@team.${CITY_DOMAIN}`,
  districtAdmin: (d: number) => `admin-${d}@${CITY_DOMAIN}`,
};

const pad = (i: number, width: number) => String(i + 1).padStart(width, '0');

/** The districts are "Provstaden 01" …: the first one's presence says the city is there. */
export const cityDistrictName = (d: number) => `Provstaden ${pad(d, 2)}`;
export const cityTeamName = (t: number) => `Provteamet ${pad(t, 2)}`;

export function cityOrganisationName(o: number, kind: 'school' | 'preschool_unit' | 'preschool') {
  if (kind === 'school') return `Provskolan ${pad(o, 4)}`;
  if (kind === 'preschool_unit') return `Provförskolorna ${pad(o, 4)}`;
  return `Förskolan Prov ${pad(o, 4)}`;
}

// Plainly made-up surnames, so nobody takes a row for a real person.
const FIRST = ['Alva', 'Bosse', 'Cecilia', 'Dragan', 'Elsa', 'Farid', 'Greta', 'Hugo', 'Ida', 'Jamal', 'Kajsa', 'Leo', 'Maja', 'Nils', 'Olivia', 'Pontus', 'Rut', 'Sami', 'Tove', 'Vera'];
const LAST = ['Provsson', 'Testberg', 'Låtsasson', 'Påhittsdotter', 'Exempelqvist', 'Fiktivsson', 'Skenberg', 'Lekholm', 'Dikteborg', 'Fantasell', 'Modellström', 'Övningsdahl'];

/** A person's invented name, from a running number. */
export const cityPersonName = (i: number) => `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;

/** Phone numbers from the series PTS keeps for fiction (08-465 004 00 … 99). */
export const cityPhone = (i: number) => `08-465 004 ${String(i % 100).padStart(2, '0')}`;

/** A two- or three-letter pseudonym code ("A", "KD", …), as the forms ask: never a name. */
export function pseudonym(i: number) {
  let s = '';
  let k = i;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

/** A meeting's or case's label, formed as the demo's are ("Elev A, åk 5", "Barn på avdelning Solen"). */
export function familyLabel(i: number, kind: 'school' | 'preschool', section: string | undefined) {
  if (kind === 'preschool') return `Barn ${pseudonym(i)}, ${(section ?? 'Avdelning Solen').toLowerCase()}`;
  const grade = section === 'F–3' ? i % 4 : section === '7–9' ? 7 + (i % 3) : 4 + (i % 3);
  return `Elev ${pseudonym(i)}, åk ${grade === 0 ? 'F' : grade}`;
}

export const staffVisitLabels = ['APT: varningssignaler', 'Personalmöte: oro för ett barn', 'Arbetslaget: orosanmälan steg för steg'];
export const handCaseLabel = (i: number) => `Familjen ${pseudonym(i)}`;
