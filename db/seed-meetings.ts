import { and, eq, gt, gte, lt, lte } from 'drizzle-orm';
import type { Db } from './client.ts';
import { absences, caseOrganisations, cases, caseWorkers, dutyRoster, meetings, meetingSeries, meetingWorkers, slotHosts } from './schema/index.ts';
import type { SeedCalendar } from './seed.ts';
import type { WalkAndTalkIds } from './seed-walk-and-talk.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Status = 'requested' | 'scheduled' | 'held' | 'not_held' | 'cancelled';
type Type = (typeof meetings.$inferInsert)['type'];

type DemoMeeting = {
  type: Type;
  org: string;
  by: string;
  label: string;
  ageBand?: (typeof meetings.$inferInsert)['ageBand'];
  urgency?: 'normal' | 'urgent';
  status: Status;
  /** Working days from today (negative: in the past) and the Stockholm start time. */
  day: number;
  time: string;
  minutes?: number;
  workers?: string[];
  reason?: string;
  opensCase?: boolean;
};

// Every state a request can be in, two anmälningsmöten ahead, one held that opened a case, and the
// police area's collaboration meetings every four weeks. Labels are pseudonyms, as the form asks.
const demoMeetings: DemoMeeting[] = [
  { type: 'report_meeting', org: 'vallingbyskolan', by: 'rektor@vallingbyskolan.example', label: 'Elev A, åk 5', ageBand: '10-12', urgency: 'urgent', status: 'requested', day: 2, time: '09:00' },
  { type: 'mapping_meeting', org: 'gronadiamanten', by: 'forskolechef@vallingbyforskolor.example', label: 'Barn på avdelning Solen', ageBand: '3-5', status: 'requested', day: 4, time: '14:00' },
  { type: 'staff_visit', org: 'grimstaskolan', by: 'rektor@grimstaskolan.example', label: 'APT: varningssignaler', status: 'requested', day: 8, time: '15:00', minutes: 90 },
  { type: 'report_meeting', org: 'vallingbyskolan', by: 'elevhalsa@vallingbyskolan.example', label: 'Elev C, åk 8', ageBand: '13-15', status: 'scheduled', day: 3, time: '10:00', workers: ['soc3', 'soc4'] },
  { type: 'report_meeting', org: 'grimstaskolan', by: 'rektor@grimstaskolan.example', label: 'Elev D, åk 2', ageBand: '6-9', status: 'scheduled', day: 5, time: '13:30', workers: ['soc6', 'soc1'] },
  { type: 'report_meeting', org: 'vallingbyskolan', by: 'rektor@vallingbyskolan.example', label: 'Familjen E', ageBand: '10-12', status: 'held', day: -5, time: '10:00', workers: ['soc1', 'soc2'], opensCase: true },
  { type: 'follow_up', org: 'vallingbyskolan', by: 'elevhalsa@vallingbyskolan.example', label: 'Elev G, åk 3', ageBand: '6-9', status: 'not_held', day: -3, time: '14:00', workers: ['soc2'] },
  { type: 'application_meeting', org: 'vallingbyskolan', by: 'rektor@vallingbyskolan.example', label: 'Elev F, åk 6', ageBand: '10-12', status: 'cancelled', day: 6, time: '09:00', reason: 'Familjen har flyttat från kommunen.' },
  ...[0, 1].map((n): DemoMeeting => ({ type: 'police_collaboration', org: 'vasterort', by: 'polis@vasterort.example', label: 'Samverkan Västerort', status: 'scheduled', day: 1 + n * 20, time: '09:00', minutes: 90, workers: ['soc7', 'soc8'] })),
];

const worker = (key: string) => `${key}@vallingbyteamet.example`;

/** Whether the people have nothing else then: no walk-and-talk, meeting, absence or duty that day. */
async function free(tx: Tx, userIds: string[], date: string, start: Date, end: Date) {
  for (const userId of userIds) {
    const clash =
      (await tx.select().from(slotHosts).where(and(eq(slotHosts.userId, userId), lt(slotHosts.startsAt, end), gt(slotHosts.endsAt, start))).limit(1)).length ||
      (await tx.select().from(meetingWorkers).where(and(eq(meetingWorkers.userId, userId), eq(meetingWorkers.active, true), lt(meetingWorkers.startsAt, end), gt(meetingWorkers.endsAt, start))).limit(1)).length ||
      (await tx.select().from(absences).where(and(eq(absences.userId, userId), lte(absences.startsOn, date), gte(absences.endsOn, date))).limit(1)).length ||
      (await tx.select().from(dutyRoster).where(and(eq(dutyRoster.userId, userId), eq(dutyRoster.day, date))).limit(1)).length;
    if (clash) return false;
  }
  return true;
}

export async function seedMeetings(tx: Tx, teamId: string, ids: WalkAndTalkIds, calendar: SeedCalendar) {
  const ahead = calendar.workingDays.filter((d) => d > calendar.today);
  const past = calendar.pastWorkingDays;
  // The police collaboration meetings are one series the team planned, every four weeks.
  let policeSeriesId: string | null = null;
  for (const m of demoMeetings) {
    const workerIds = (m.workers ?? []).map((w) => ids.userIds.get(worker(w))!);
    const minutes = m.minutes ?? 60;
    // The wanted day, or the next one on which everyone is free.
    const candidates = m.day >= 0 ? ahead.slice(m.day) : past.slice(past.length + m.day);
    let chosen: { date: string; start: Date; end: Date } | null = null;
    for (const date of candidates) {
      const start = calendar.at(date, m.time);
      const end = new Date(start.getTime() + minutes * 60_000);
      if (workerIds.length === 0 || (await free(tx, workerIds, date, start, end))) {
        chosen = { date, start, end };
        break;
      }
    }
    if (!chosen) continue;
    const requestedAt = calendar.at(past.at(-3) ?? calendar.today, '08:15');
    if (m.type === 'police_collaboration' && !policeSeriesId) {
      const [series] = await tx
        .insert(meetingSeries)
        .values({ type: 'police_collaboration', organisationId: ids.orgIds.get(m.org)!, teamId, label: m.label, weekday: calendar.isoWeekday(chosen.date), startTime: m.time, durationMinutes: minutes, intervalWeeks: 4, startsOn: chosen.date, endsOn: calendar.workingDays.at(-1) ?? chosen.date, createdBy: workerIds[0], createdAt: requestedAt })
        .returning({ id: meetingSeries.id });
      policeSeriesId = series!.id;
    }
    const hasTime = m.status !== 'requested' && m.status !== 'cancelled';
    const [row] = await tx
      .insert(meetings)
      .values({
        type: m.type,
        organisationId: ids.orgIds.get(m.org)!,
        teamId,
        requestedBy: ids.userIds.get(m.by)!,
        label: m.label,
        ageBand: m.ageBand ?? null,
        urgency: m.urgency ?? 'normal',
        guardiansInformed: m.type !== 'police_collaboration' && m.type !== 'staff_visit',
        guardiansAttending: m.type === 'report_meeting' ? true : null,
        proposedTimes: [{ startsAt: chosen.start.toISOString(), endsAt: chosen.end.toISOString() }],
        status: m.status,
        startsAt: hasTime ? chosen.start : null,
        endsAt: hasTime ? chosen.end : null,
        changeReason: m.reason ?? null,
        seriesId: m.type === 'police_collaboration' ? policeSeriesId : null,
        reportFiled: m.status === 'held' ? true : null,
        outcomeNotes: m.status === 'held' ? 'Båda vårdnadshavarna var med. Anmälan lämnades på mötet.' : m.status === 'not_held' ? 'Vårdnadshavaren kom inte. Ny tid bokas.' : null,
        outcomeBy: m.status === 'held' || m.status === 'not_held' ? workerIds[0] : null,
        createdAt: requestedAt,
        scheduledAt: hasTime ? requestedAt : null,
        updatedAt: requestedAt,
      })
      .returning({ id: meetings.id });
    if (workerIds.length) await tx.insert(meetingWorkers).values(workerIds.map((userId) => ({ meetingId: row!.id, userId, startsAt: chosen.start, endsAt: chosen.end })));
    if (m.opensCase) {
      const [kase] = await tx.insert(cases).values({ teamId, label: m.label, reportMeetingId: row!.id, createdBy: workerIds[0], createdAt: chosen.end }).returning({ id: cases.id });
      await tx.insert(caseOrganisations).values({ caseId: kase!.id, organisationId: ids.orgIds.get(m.org)!, reporter: true });
      await tx.insert(caseWorkers).values(workerIds.map((userId, i) => ({ caseId: kase!.id, userId, responsible: i === 0 })));
      await tx.update(meetings).set({ caseId: kase!.id }).where(eq(meetings.id, row!.id));
    }
  }
}
