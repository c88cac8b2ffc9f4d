import { dutyWorker, type CityDirectory, type CityOrg, type Person } from './directory.ts';
import { shareOf, type CityCalendar, type CityPlan } from './plan.ts';

// A team's day is cut into hour blocks inside office hours (08:00–16:30); a social worker does one
// thing per block, so no walk-and-talk and no meeting of one person can overlap (the exclusion
// constraints of migrations 0004 and 0006 stand behind it), and whoever holds the duty phone
// that day neither walks nor sits in a meeting.
export const BLOCKS = ['08:30', '09:30', '10:30', '13:00', '14:00', '15:00'] as const;
const SLOT_MINUTES = 45;
const MEETING_MINUTES = 60;

export type MeetingType = 'report_meeting' | 'application_meeting' | 'mapping_meeting' | 'follow_up' | 'staff_visit';
export type MeetingStatus = 'requested' | 'scheduled' | 'held' | 'not_held' | 'cancelled';

export type PlannedSlot = { id: string; index: number; org: CityOrg; day: string; startsAt: Date; endsAt: Date; hosts: Person[]; cancelled: boolean };
export type PlannedMeeting = {
  id: string;
  index: number;
  type: MeetingType;
  status: MeetingStatus;
  team: number;
  org: CityOrg;
  day: string;
  startsAt: Date;
  endsAt: Date;
  /** Empty for a request not yet scheduled and for a cancelled one. */
  workers: Person[];
};

// Eleven in twenty are anmälningsmöten, as in the pilot's queue.
const TYPES: MeetingType[] = [
  ...Array<MeetingType>(11).fill('report_meeting'),
  ...Array<MeetingType>(3).fill('follow_up'),
  ...Array<MeetingType>(2).fill('mapping_meeting'),
  ...Array<MeetingType>(2).fill('application_meeting'),
  ...Array<MeetingType>(2).fill('staff_visit'),
];

function statusOf(index: number, day: string, today: string): MeetingStatus {
  if (day < today) return index % 17 === 3 ? 'cancelled' : index % 13 === 5 ? 'not_held' : 'held';
  return index % 19 === 3 ? 'cancelled' : index % 4 === 1 ? 'requested' : 'scheduled';
}

/** How many social workers sit in a meeting: two at an anmälningsmöte (one in twenty with one), otherwise one or two. */
const workersFor = (type: MeetingType, index: number) => (type === 'report_meeting' ? (index % 20 === 7 ? 1 : 2) : type === 'staff_visit' ? 1 : 1 + (index % 2));

/**
 * Lays the year's walk-and-talks and meetings over the teams' working days, spread evenly over the
 * teams that serve somebody: ids, places, times and who hosts or sits in each.
 */
export function planSchedule(plan: CityPlan, calendar: CityCalendar, directory: CityDirectory) {
  const active = directory.teams.filter((t) => plan.placesOfTeam(t.index).length > 0);
  const placesOf = active.map((t) => plan.placesOfTeam(t.index).map((o) => directory.orgs[o]!));
  const cells = active.length * calendar.days.length;
  const slots: PlannedSlot[] = [];
  const meetings: PlannedMeeting[] = [];
  const W = plan.workersPerTeam;
  // Per team: whose turn it is next, and which of its places is next.
  const turn = active.map(() => 0);
  const nextPlace = active.map(() => ({ slot: 0, meeting: 0 }));

  calendar.days.forEach((day, dayIndex) => {
    active.forEach((team, a) => {
      const duty = dutyWorker(plan, team.index, dayIndex);
      const busy = new Uint8Array(W);
      /** The first block, from `prefer` on, with `count` free people; takes them in turn. */
      const take = (count: number, prefer: number) => {
        for (let k = 0; k < BLOCKS.length; k++) {
          const b = (prefer + k) % BLOCKS.length;
          const chosen: number[] = [];
          for (let j = 0; j < W && chosen.length < count; j++) {
            const w = (turn[a]! + j) % W;
            if (w !== duty && !(busy[w]! & (1 << b))) chosen.push(w);
          }
          if (chosen.length < count) continue;
          for (const w of chosen) busy[w] = busy[w]! | (1 << b);
          turn[a] = (chosen.at(-1)! + 1) % W;
          return { block: BLOCKS[b]!, people: chosen.map((w) => team.workers[w]!) };
        }
        throw new Error(`${team.name} hinner inte allt den ${day}: planen ger fler möten och promenader än teamets dag rymmer.`);
      };
      const cell = dayIndex * active.length + a;

      for (let m = shareOf(plan.meetings, cells, cell); m > 0; m--) {
        const index = meetings.length;
        const type = TYPES[index % TYPES.length]!;
        const status = statusOf(index, day, calendar.today);
        const org = placesOf[a]![nextPlace[a]!.meeting++ % placesOf[a]!.length]!;
        const sits = status === 'scheduled' || status === 'held' || status === 'not_held';
        const { block, people } = sits ? take(workersFor(type, index), index % BLOCKS.length) : { block: BLOCKS[index % BLOCKS.length]!, people: [] };
        const startsAt = calendar.at(day, block);
        meetings.push({ id: crypto.randomUUID(), index, type, status, team: team.index, org, day, startsAt, endsAt: new Date(startsAt.getTime() + MEETING_MINUTES * 60_000), workers: people });
      }

      for (let s = shareOf(plan.slots, cells, cell); s > 0; s--) {
        const index = slots.length;
        const { block, people } = take(index % 5 === 0 ? 2 : 1, (index * 5 + a) % BLOCKS.length);
        const org = placesOf[a]![nextPlace[a]!.slot++ % placesOf[a]!.length]!;
        const startsAt = calendar.at(day, block);
        slots.push({ id: crypto.randomUUID(), index, org, day, startsAt, endsAt: new Date(startsAt.getTime() + SLOT_MINUTES * 60_000), hosts: people, cancelled: index % 50 === 49 });
      }
    });
  });
  return { slots, meetings };
}
