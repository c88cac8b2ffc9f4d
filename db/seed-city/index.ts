// A whole city's pseudonymous data for load tests (issue 20, "City scale"): `npm run seed:city`.
// Everything is made in memory with its ids, then written in big batched statements, in one
// transaction: a run that fails leaves nothing behind, and a second run finds the city and stops.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx } from '../client.ts';
import { writeAudit, type AuditChain } from './audit.ts';
import { planCases, writeCases } from './cases.ts';
import { writeConsentSide } from './consents.ts';
import { writeDirectory } from './directory.ts';
import { writeMeetings } from './meetings.ts';
import { cityDistrictName } from './names.ts';
import { cityPlan, type CityCalendar } from './plan.ts';
import { planSchedule } from './schedule.ts';
import { writeWalkAndTalk } from './walk-and-talk.ts';

export { cityCalendar, type CityClock } from './calendar.ts';
export { cityHandles, type CityHandles } from './handles.ts';
export { cityEmail, CITY_DOMAIN } from './names.ts';
export { cityPlan, CITY_AT_SCALE_1, type CityCalendar, type CityPlan } from './plan.ts';
export type { AuditChain } from './audit.ts';

export type SeedCityOptions = {
  /** Multiplies every count (1 = the whole city); at least one of each where one is needed. */
  scale?: number;
  calendar: CityCalendar;
  /** The demo password hashed once with the app's hasher; every account gets it. */
  passwordHash: string;
  /** The app's audit hash chain (server/modules/audit/audit.models.ts). */
  auditChain: AuditChain;
  /** Told each phase's name and seconds as it ends. */
  log?: (phase: string, seconds: number) => void;
};

export type CityCounts = Record<string, number>;

/** Whether the city is in the database: its first district is. */
export async function cityExists(db: DbOrTx) {
  const rows = rowsOf<{ one: number }>(await db.execute(sql`select 1 as one from districts where lower(name) = lower(${cityDistrictName(0)}) limit 1`));
  return rows.length > 0;
}

/**
 * Writes the city beside whatever is there (the demo district stays as it is). Returns what it
 * wrote, or false when the city is there already.
 *
 * Nothing is switched off: the constraints, the exclusion constraints and the row-level policies
 * check every row, and the directory-version triggers (migration 0012) queue one event per row
 * and bump the counter once, at commit.
 */
export async function seedCity(db: Db, options: SeedCityOptions): Promise<CityCounts | false> {
  const plan = cityPlan(options.scale ?? 1);
  // The wall clock is asked the same few hundred days and times again and again: ask once each.
  const instants = new Map<string, number>();
  const at = (date: string, time: string) => {
    const key = `${date} ${time}`;
    let ms = instants.get(key);
    if (ms === undefined) instants.set(key, (ms = options.calendar.at(date, time).getTime()));
    return new Date(ms);
  };
  const calendar: CityCalendar = { ...options.calendar, at };
  if (calendar.days.length === 0) throw new Error('Kalendern har inga arbetsdagar.');
  let mark = performance.now();
  const phase = (name: string) => {
    const now = performance.now();
    options.log?.(name, (now - mark) / 1000);
    mark = now;
  };
  return db.transaction(async (tx) => {
    // Two runs started at once on one database must not both write the city.
    await tx.execute(sql`select pg_advisory_xact_lock(727275)`);
    if (await cityExists(tx)) return false;

    const directory = await writeDirectory(tx, plan, calendar, options.passwordHash);
    phase('katalog');
    const { slots, meetings } = planSchedule(plan, calendar, directory);
    phase('schema');
    const walks = await writeWalkAndTalk(tx, plan, calendar, slots);
    phase('promenader');
    const { labels, counts: meetingCounts } = await writeMeetings(tx, plan, directory, meetings);
    phase('möten');
    const cases = planCases(plan, calendar, directory, meetings, labels);
    const caseCounts = await writeCases(tx, calendar, cases);
    const consentCounts = await writeConsentSide(tx, calendar, directory, cases);
    phase('ärenden');
    const audit = await writeAudit(tx, options.auditChain, plan, calendar, directory, meetings, cases);
    phase('granskningslogg');
    return { ...directory.counts, ...walks, ...meetingCounts, ...caseCounts, ...consentCounts, ...audit };
  });
}
