// How big the city is and where everything sits in it. Pure arithmetic on indexes, so a bench can
// work out which organisation, team or person an index means without reading the database.

/** A year of working days around today, with the Stockholm wall clock (built by the caller from the app's calendar). */
export type CityCalendar = {
  now: Date;
  /** Stockholm date of `now`. */
  today: string;
  /** The full working days the city's year spans (no weekends, holidays or half days), ascending. */
  days: string[];
  /** A Stockholm wall-clock time on a date as an instant. */
  at: (date: string, time: string) => Date;
};

/** The counts at scale 1 (issue 20, "City scale"). */
export const CITY_AT_SCALE_1 = {
  districts: 14,
  teams: 60,
  organisations: 1_000,
  users: 25_000,
  slots: 150_000,
  bookings: 40_000,
  meetings: 20_000,
  cases: 8_000,
  auditRows: 1_000_000,
} as const;

/** Every team has a lead and this many social workers, whatever the scale: a team's day needs them. */
export const WORKERS_PER_TEAM = 12;

export type OrgKind = 'school' | 'preschool_unit' | 'preschool';

// Organisations come in clusters of ten served by one team: five schools, a preschool unit and
// its four preschools, interleaved so that even a tiny city has each kind.
const CLUSTER: OrgKind[] = ['school', 'preschool_unit', 'preschool', 'school', 'preschool', 'school', 'preschool', 'school', 'preschool', 'school'];
const CLUSTER_SIZE = CLUSTER.length;

export const SCHOOL_SECTIONS = ['F–3', '4–6', '7–9'];
export const PRESCHOOL_SECTIONS = ['Avdelning Solen', 'Avdelning Månen'];

/** The share of `total` that falls on item `i` of `n`: spread evenly, summing to `total`. */
export const shareOf = (total: number, n: number, i: number) => Math.floor(((i + 1) * total) / n) - Math.floor((i * total) / n);

export type CityPlan = ReturnType<typeof cityPlan>;

export function cityPlan(scale = 1) {
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`Skalan måste vara ett tal större än noll, inte ${scale}.`);
  const n = (count: number) => Math.max(1, Math.round(count * scale));
  const districts = n(CITY_AT_SCALE_1.districts);
  const teams = n(CITY_AT_SCALE_1.teams);
  const organisations = n(CITY_AT_SCALE_1.organisations);

  const kindOf = (o: number): OrgKind => CLUSTER[o % CLUSTER_SIZE]!;
  const clusterOf = (o: number) => Math.floor(o / CLUSTER_SIZE);
  const clusters = Math.ceil(organisations / CLUSTER_SIZE);
  // A cluster's team. Only a city smaller than its teams (tiny scales) leaves a team serving nobody.
  const teamOf = (o: number) => clusterOf(o) % teams;
  const districtOfTeam = (t: number) => t % districts;
  /** The preschool unit a preschool belongs to: its cluster's (always before it). */
  const parentOf = (o: number) => (kindOf(o) === 'preschool' ? clusterOf(o) * CLUSTER_SIZE + 1 : null);
  const sectionsOf = (o: number) => (kindOf(o) === 'school' ? SCHOOL_SECTIONS : kindOf(o) === 'preschool' ? PRESCHOOL_SECTIONS : []);
  /** Schools and preschools: where pedagogues work, walk-and-talks are held and meetings asked for. */
  const isPlace = (o: number) => kindOf(o) !== 'preschool_unit';

  const orgIndexes = Array.from({ length: organisations }, (_, o) => o);
  const places = orgIndexes.filter(isPlace);
  const schools = orgIndexes.filter((o) => kindOf(o) === 'school').length;
  const units = orgIndexes.filter((o) => kindOf(o) === 'preschool_unit').length;
  // A principal for every school and unit (the unit's förskolechef leads its preschools), elevhälsa at every school.
  const fixedUsers = teams * (1 + WORKERS_PER_TEAM) + districts + schools + units + schools;
  const pedagogues = Math.max(places.length, n(CITY_AT_SCALE_1.users) - fixedUsers);
  const placeRank = new Map(places.map((o, i) => [o, i]));
  /** How many pedagogues work at an organisation (`cityEmail.pedagogue(o, 0 … count - 1)`). */
  const pedagoguesAt = (o: number) => (isPlace(o) ? shareOf(pedagogues, places.length, placeRank.get(o)!) : 0);

  const byTeam = Array.from({ length: teams }, (_, t) => places.filter((o) => teamOf(o) === t));
  const slots = n(CITY_AT_SCALE_1.slots);
  return {
    scale,
    districts,
    teams,
    organisations,
    clusters,
    users: fixedUsers + pedagogues,
    pedagogues,
    schools,
    units,
    slots,
    // One seat taken in at most every slot that is not cancelled (one in fifty is).
    bookings: Math.min(n(CITY_AT_SCALE_1.bookings), slots - Math.floor(slots / 50)),
    meetings: n(CITY_AT_SCALE_1.meetings),
    cases: n(CITY_AT_SCALE_1.cases),
    auditRows: n(CITY_AT_SCALE_1.auditRows),
    workersPerTeam: WORKERS_PER_TEAM,
    kindOf,
    teamOf,
    districtOfTeam,
    parentOf,
    sectionsOf,
    isPlace,
    places,
    pedagoguesAt,
    /** The schools and preschools a team serves. */
    placesOfTeam: (t: number): readonly number[] => byTeam[t] ?? [],
  };
}
