// The demo district, modelled on the Vällingbyteamet pilot. Every name is invented; phone
// numbers are from the series PTS reserves for fiction (070-1740605 … 070-1740699).
import type { organisationKinds, roles } from './schema/index.ts';

type Kind = (typeof organisationKinds)[number];
type Role = (typeof roles)[number];

/** The stadsdel the demo organisations belong to (the pilot's). */
export const DEMO_DISTRICT = 'Hässelby-Vällingby';

export const DEMO_PASSWORD = 'samverkan-demo';

export type DemoOrganisation = { key: string; name: string; kind: Kind; parent?: string; sections?: string[] };
export type DemoPerson = {
  email: string;
  name: string;
  title: string;
  phone?: string;
  memberships: { org: string | null; role: Role; section?: string }[];
};

export const TEAM = 'team';

export const demoOrganisations: DemoOrganisation[] = [
  { key: TEAM, name: 'Vällingbyteamet', kind: 'social_services' },
  { key: 'vallingbyskolan', name: 'Vällingbyskolan', kind: 'school', sections: ['F–3', '4–6', '7–9', 'Anpassad grundskola'] },
  { key: 'grimstaskolan', name: 'Grimstaskolan', kind: 'school', sections: ['F–3', '4–6'] },
  { key: 'vallingbyforskolor', name: 'Vällingby förskoleenhet', kind: 'preschool_unit' },
  { key: 'gronadiamanten', name: 'Förskolan Gröna diamanten', kind: 'preschool', parent: 'vallingbyforskolor' },
  { key: 'grimstaforskolor', name: 'Grimsta förskoleenhet', kind: 'preschool_unit' },
  { key: 'solrosen', name: 'Förskolan Solrosen', kind: 'preschool', parent: 'grimstaforskolor' },
  { key: 'ekorren', name: 'Förskolan Ekorren', kind: 'preschool', parent: 'grimstaforskolor' },
  { key: 'larkan', name: 'Förskolan Lärkan', kind: 'preschool', parent: 'grimstaforskolor' },
  { key: 'trollebo', name: 'Förskolan Trollebo', kind: 'preschool', parent: 'grimstaforskolor' },
  { key: 'vasterort', name: 'Lokalpolisområde Västerort', kind: 'police' },
];

const phone = (n: number) => `070-174 06 ${String(n).padStart(2, '0')}`;

const socialWorkers: DemoPerson[] = [
  'Anna Berg',
  'Johan Lind',
  'Sara Nyström',
  'Mehmet Aydin',
  'Lina Holm',
  'Erik Sjöberg',
  'Fatima Hassan',
  'Karin Dahl',
].map((name, i) => ({
  email: `soc${i + 1}@vallingbyteamet.example`,
  name,
  title: 'Socialsekreterare',
  phone: phone(10 + i),
  memberships: [{ org: TEAM, role: 'social_worker' }],
}));

export const demoPeople: DemoPerson[] = [
  { email: 'admin@samverkan.example', name: 'Alex Systemsson', title: 'Systemförvaltare', memberships: [{ org: null, role: 'admin' }] },
  {
    email: 'chef@vallingbyteamet.example',
    name: 'Maria Ekström',
    title: 'Enhetschef',
    phone: phone(5),
    memberships: [{ org: TEAM, role: 'team_lead' }],
  },
  ...socialWorkers,
  {
    email: 'radgivare@vallingbyteamet.example',
    name: 'Pia Lundqvist',
    title: 'Föräldrarådgivare',
    phone: phone(20),
    memberships: [{ org: TEAM, role: 'social_worker' }],
  },
  { email: 'rektor@vallingbyskolan.example', name: 'Per Almqvist', title: 'Rektor', phone: phone(30), memberships: [{ org: 'vallingbyskolan', role: 'principal' }] },
  { email: 'elevhalsa@vallingbyskolan.example', name: 'Nora Westin', title: 'Skolkurator', phone: phone(31), memberships: [{ org: 'vallingbyskolan', role: 'pupil_health' }] },
  { email: 'pedagog1@vallingbyskolan.example', name: 'Emma Sandberg', title: 'Lärare', memberships: [{ org: 'vallingbyskolan', role: 'pedagogue', section: 'F–3' }] },
  { email: 'pedagog2@vallingbyskolan.example', name: 'Oskar Fors', title: 'Lärare', memberships: [{ org: 'vallingbyskolan', role: 'pedagogue', section: '7–9' }] },
  { email: 'pedagog3@vallingbyskolan.example', name: 'Leila Karimi', title: 'Speciallärare', memberships: [{ org: 'vallingbyskolan', role: 'pedagogue', section: 'Anpassad grundskola' }] },
  { email: 'rektor@grimstaskolan.example', name: 'Helena Borg', title: 'Rektor', phone: phone(40), memberships: [{ org: 'grimstaskolan', role: 'principal' }] },
  { email: 'pedagog1@grimstaskolan.example', name: 'David Ek', title: 'Lärare', memberships: [{ org: 'grimstaskolan', role: 'pedagogue', section: '4–6' }] },
  {
    email: 'forskolechef@vallingbyforskolor.example',
    name: 'Ulrika Stål',
    title: 'Förskolechef',
    phone: phone(50),
    memberships: [{ org: 'vallingbyforskolor', role: 'principal' }],
  },
  { email: 'pedagog1@gronadiamanten.example', name: 'Sofia Lindgren', title: 'Förskollärare', memberships: [{ org: 'gronadiamanten', role: 'pedagogue' }] },
  { email: 'pedagog2@gronadiamanten.example', name: 'Ali Rahimi', title: 'Barnskötare', memberships: [{ org: 'gronadiamanten', role: 'pedagogue' }] },
  { email: 'polis@vasterort.example', name: 'Jonas Strand', title: 'Kommunpolis', phone: phone(60), memberships: [{ org: 'vasterort', role: 'police' }] },
];

// The pilot's contact layout: two contacts for F–6 and anpassad grundskola, two for 7–9, one
// social worker plus the föräldrarådgivare for Gröna diamanten, one for the Grimsta preschools
// (named for the whole unit), two for the police.
export const demoContacts: { email: string; org: string; sections?: string[] }[] = [
  { email: 'soc1@vallingbyteamet.example', org: 'vallingbyskolan', sections: ['F–3', '4–6', 'Anpassad grundskola'] },
  { email: 'soc2@vallingbyteamet.example', org: 'vallingbyskolan', sections: ['F–3', '4–6', 'Anpassad grundskola'] },
  { email: 'soc3@vallingbyteamet.example', org: 'vallingbyskolan', sections: ['7–9'] },
  { email: 'soc4@vallingbyteamet.example', org: 'vallingbyskolan', sections: ['7–9'] },
  { email: 'soc5@vallingbyteamet.example', org: 'gronadiamanten' },
  { email: 'radgivare@vallingbyteamet.example', org: 'gronadiamanten' },
  { email: 'soc6@vallingbyteamet.example', org: 'grimstaforskolor' },
  { email: 'soc6@vallingbyteamet.example', org: 'grimstaskolan' },
  { email: 'soc7@vallingbyteamet.example', org: 'vasterort' },
  { email: 'soc8@vallingbyteamet.example', org: 'vasterort' },
];

export const demoTeamSettings = {
  officeOpens: '08:00',
  officeCloses: '16:30',
  dutyPhone: '070-174 06 90',
  afterHoursName: 'Socialjouren',
  afterHoursPhone: '070-174 06 91',
};

/** Who holds the duty phone: the team's social workers in turn, never on a day they are away. */
export const demoDutyRotation = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `soc${n}@vallingbyteamet.example`);
