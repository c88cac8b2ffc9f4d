import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { absences, bookings, dutyRoster, schoolPeriods, slotHosts, slotSeries, slots } from './schema/index.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type WalkAndTalkIds = { orgIds: Map<string, string>; userIds: Map<string, string> };
export type WalkAndTalkCalendar = {
  today: string;
  /** Working days (no weekends, no holidays) from this month to the end of next. */
  workingDays: string[];
  /** A Stockholm wall-clock time on a date as an instant. */
  at: (date: string, time: string) => Date;
  isoWeekday: (date: string) => number;
};

// Stockholm's school year 2026/27 as the demo schools' terms and lov (modelled on the city's
// published dates; a real school enters its own).
const terms = [
  { kind: 'term' as const, name: 'Höstterminen 2026', startsOn: '2026-08-18', endsOn: '2026-12-18' },
  { kind: 'break' as const, name: 'Höstlov', startsOn: '2026-10-26', endsOn: '2026-10-30' },
  { kind: 'term' as const, name: 'Vårterminen 2027', startsOn: '2027-01-11', endsOn: '2027-06-10' },
  { kind: 'break' as const, name: 'Sportlov', startsOn: '2027-02-22', endsOn: '2027-02-26' },
  { kind: 'break' as const, name: 'Påsklov', startsOn: '2027-03-29', endsOn: '2027-04-02' },
];

// The pilot's rhythm: walk-and-talk every week or every other week at a fixed time, a pair at
// Vällingbyskolan, a group slot at the preschool, and on-site hours (drop-in) at the school.
const series = [
  { org: 'vallingbyskolan', hosts: ['soc1'], weekday: 2, time: '13:00', minutes: 45, every: 1, capacity: 1, kind: 'walk_and_talk' as const, location: 'Vid huvudentrén' },
  { org: 'vallingbyskolan', hosts: ['soc2', 'soc3'], weekday: 4, time: '10:00', minutes: 45, every: 2, capacity: 1, kind: 'walk_and_talk' as const, location: 'Vid skolgårdens grind mot Vällingby centrum' },
  { org: 'vallingbyskolan', hosts: ['soc3'], weekday: 3, time: '08:00', minutes: 240, every: 1, capacity: 30, kind: 'on_site' as const, location: 'Elevhälsans rum, plan 2' },
  { org: 'grimstaskolan', hosts: ['soc6'], weekday: 1, time: '14:00', minutes: 45, every: 2, capacity: 1, kind: 'walk_and_talk' as const, location: 'Vid idrottshallen' },
  { org: 'gronadiamanten', hosts: ['soc5'], weekday: 3, time: '13:30', minutes: 60, every: 2, capacity: 2, kind: 'walk_and_talk' as const, location: 'Vid förskolans grind' },
];

const demoBookings = [
  { by: 'pedagog1@vallingbyskolan.example', org: 'vallingbyskolan', nth: 0, topic: 'unsure_report' as const, note: 'Oro kring en elevs frånvaro i åk 2 sedan höstlovet.' },
  { by: 'elevhalsa@vallingbyskolan.example', org: 'vallingbyskolan', nth: 1, topic: 'advice_referral' as const, note: null },
  { by: 'pedagog1@gronadiamanten.example', org: 'gronadiamanten', nth: 0, topic: 'general_question' as const, note: 'Hur pratar vi med vårdnadshavare om en oro?' },
];

const worker = (key: string) => `${key}@vallingbyteamet.example`;

/** Terms for the demo schools and preschool unit; series for the demo contacts; a few bookings. */
export async function seedWalkAndTalk(tx: Tx, ids: WalkAndTalkIds, calendar: WalkAndTalkCalendar) {
  for (const org of ['vallingbyskolan', 'grimstaskolan', 'vallingbyforskolor']) {
    // The pilot's preschool leadership made booking mandatory for the autumn term.
    await tx.insert(schoolPeriods).values(terms.map((t) => ({ ...t, organisationId: ids.orgIds.get(org)!, bookingRequired: org === 'vallingbyforskolor' && t.name === 'Höstterminen 2026' })));
  }
  const inTerm = (d: string) => terms.some((t) => t.kind === 'term' && t.startsOn <= d && d <= t.endsOn) && !terms.some((t) => t.kind === 'break' && t.startsOn <= d && d <= t.endsOn);
  const firstByOrg = new Map<string, string[]>();

  for (const s of series) {
    const hostIds = s.hosts.map((h) => ids.userIds.get(worker(h))!);
    // The hosts' duty days and absences are skipped, as a published series would skip them.
    const busy = new Set<string>();
    for (const userId of hostIds) {
      for (const d of await tx.select({ day: dutyRoster.day }).from(dutyRoster).where(and(eq(dutyRoster.userId, userId), gte(dutyRoster.day, calendar.today)))) busy.add(d.day);
      for (const a of await tx.select().from(absences).where(eq(absences.userId, userId))) {
        for (const d of calendar.workingDays) if (a.startsOn <= d && d <= a.endsOn) busy.add(d);
      }
    }
    const dates = calendar.workingDays.filter((d) => d > calendar.today && calendar.isoWeekday(d) === s.weekday && inTerm(d) && !busy.has(d));
    const chosen = dates.filter((_, i) => i % s.every === 0);
    if (chosen.length === 0) continue;
    const organisationId = ids.orgIds.get(s.org)!;
    const [row] = await tx
      .insert(slotSeries)
      .values({ organisationId, kind: s.kind, weekday: s.weekday, startTime: s.time, durationMinutes: s.minutes, intervalWeeks: s.every, startsOn: chosen[0]!, endsOn: chosen.at(-1)!, location: s.location, capacity: s.capacity, createdBy: hostIds[0]! })
      .returning({ id: slotSeries.id });
    const inserted = await tx
      .insert(slots)
      .values(chosen.map((d) => {
        const startsAt = calendar.at(d, s.time);
        return { seriesId: row!.id, organisationId, kind: s.kind, startsAt, endsAt: new Date(startsAt.getTime() + s.minutes * 60_000), location: s.location, capacity: s.capacity };
      }))
      .returning({ id: slots.id, startsAt: slots.startsAt, endsAt: slots.endsAt });
    await tx.insert(slotHosts).values(inserted.flatMap((sl) => hostIds.map((userId) => ({ slotId: sl.id, userId, startsAt: sl.startsAt, endsAt: sl.endsAt }))));
    if (s.kind === 'walk_and_talk') firstByOrg.set(s.org, [...(firstByOrg.get(s.org) ?? []), ...inserted.map((i) => i.id)]);
  }

  for (const b of demoBookings) {
    const slotId = firstByOrg.get(b.org)?.[b.nth];
    if (!slotId) continue;
    await tx.insert(bookings).values({ slotId, bookerId: ids.userIds.get(b.by)!, topic: b.topic, note: b.note });
    await tx.update(slots).set({ booked: sql`${slots.booked} + 1` }).where(eq(slots.id, slotId));
  }
}
