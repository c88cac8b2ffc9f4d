import type { Tx } from '../client.ts';
import { insertRows, type Value } from './bulk.ts';
import type { CityOrg } from './directory.ts';
import type { CityCalendar, CityPlan } from './plan.ts';
import type { PlannedSlot } from './schedule.ts';

const DAY = 86_400_000;
const TOPICS = ['unsure_report', 'advice_referral', 'plan_report', 'known_child', 'general_question', 'acute_protection'] as const;
const LOCATIONS = { school: ['Vid huvudentrén', 'Vid skolgårdens grind', 'Vid idrottshallen'], preschool: ['Vid förskolans grind'] };

/** Who at an organisation books walk-and-talks: its pedagogues, principal and elevhälsa. */
const bookersOf = (o: CityOrg) => [...o.pedagogues, ...(o.principal ? [o.principal] : []), ...(o.pupilHealth ? [o.pupilHealth] : [])];

/**
 * The year's walk-and-talks with their hosts, and one seat taken in as many of them as the plan
 * says: attended or missed before now, booked after, one in twenty cancelled. `booked` counts the
 * live seats as the app keeps it; a cancelled slot's hosts are inactive and its seats free.
 */
export async function writeWalkAndTalk(tx: Tx, plan: CityPlan, calendar: CityCalendar, slots: PlannedSlot[]) {
  const now = calendar.now.getTime();
  const open = slots.filter((s) => !s.cancelled);
  const booked = new Map<string, number>();
  const bookings: Value[][] = [];
  for (let k = 0; k < plan.bookings; k++) {
    const slot = open[Math.floor((k * open.length) / plan.bookings)]!;
    const people = bookersOf(slot.org);
    const booker = people[(slot.index * 7) % people.length]!;
    const past = slot.startsAt.getTime() < now;
    const status = k % 20 === 0 ? 'cancelled' : past ? (k % 20 === 1 ? 'no_show' : 'attended') : 'booked';
    const createdAt = new Date(slot.startsAt.getTime() - (1 + (k % 10)) * DAY);
    const cancelled = status === 'cancelled';
    if (!cancelled) booked.set(slot.id, (booked.get(slot.id) ?? 0) + 1);
    bookings.push([
      crypto.randomUUID(),
      slot.id,
      booker.id,
      TOPICS[k % TOPICS.length],
      k % 10 === 3 ? 'Vill prata om en oro kring frånvaro.' : null,
      status,
      cancelled ? 1 : 0,
      cancelled ? 'Kan inte komma den dagen.' : null,
      cancelled ? booker.id : null,
      createdAt,
      cancelled ? new Date(Math.min(createdAt.getTime() + DAY, slot.startsAt.getTime() - 60_000)) : createdAt,
    ]);
  }

  const slotRows: Value[][] = slots.map((s) => {
    const kind = s.org.kind === 'preschool' ? 'preschool' : 'school';
    const places = LOCATIONS[kind];
    return [
      s.id,
      s.org.id,
      'walk_and_talk',
      s.startsAt,
      s.endsAt,
      places[s.index % places.length],
      kind === 'preschool' ? 2 : 1,
      booked.get(s.id) ?? 0,
      s.cancelled ? new Date(s.startsAt.getTime() - 2 * DAY) : null,
      s.cancelled ? 'Värden är sjuk.' : null,
      new Date(s.startsAt.getTime() - 21 * DAY),
    ];
  });
  await insertRows(
    tx,
    'slots',
    [['id', 'uuid'], ['organisation_id', 'uuid'], ['kind', 'text'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['location', 'text'], ['capacity', 'int4'], ['booked', 'int4'], ['cancelled_at', 'timestamptz'], ['cancel_reason', 'text'], ['created_at', 'timestamptz']],
    slotRows,
  );
  const hosts = slots.flatMap((s) => s.hosts.map((h): Value[] => [s.id, h.id, s.startsAt, s.endsAt, !s.cancelled]));
  await insertRows(tx, 'slot_hosts', [['slot_id', 'uuid'], ['user_id', 'uuid'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['active', 'bool']], hosts);
  await insertRows(
    tx,
    'bookings',
    [['id', 'uuid'], ['slot_id', 'uuid'], ['booker_id', 'uuid'], ['topic', 'text'], ['note', 'text'], ['status', 'text'], ['sequence', 'int4'], ['cancel_reason', 'text'], ['cancelled_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
    bookings,
  );
  return { slots: slotRows.length, slotHosts: hosts.length, bookings: bookings.length };
}
