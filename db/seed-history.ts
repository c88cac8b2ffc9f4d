import { and, asc, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { Db } from './client.ts';
import { bookings, caseEvents, caseOrganisations, cases, caseWorkerChanges, caseWorkers, consents, feedback, meetings, meetingWorkers, memberships, organisations, slotHosts, slots, statutoryFeedback } from './schema/index.ts';
import { drawCasePath } from './seed-case-path.ts';
import { holdTo } from './tenancy.ts';

type Day = { date: string; at: (time: string) => Date };
type Calendar = { days: Day[]; today: string; addDays: (date: string, n: number) => string; instant: (date: string, time: string) => Date };
type Step = (typeof caseEvents.$inferInsert)['kind'];

/** A small, seeded random source: the same history every time, so the demo's figures are stable. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const HISTORY_MARK = 'Historik';

/**
 * Two years of plausible, pseudonymous activity for a social services team (by default the first): walk-and-talk
 * consultations, anmälningsmöten (almost always with two social workers), and the cases they open
 * with their paths, set so the figures land near the pilot's (report chapter 5): about two social
 * workers per family, one case in eight handed over, three in four offers accepted, a start about
 * five days after the yes, nearly nine in ten completed. `calendar.days` are the working days to
 * fill (they end well before today, away from the demo's own weeks). Returns false when the team
 * has a history already.
 */
export async function seedHistory(db: Db, calendar: Calendar, teamId?: string): Promise<{ consultations: number; meetings: number; cases: number } | false> {
  return db.transaction(async (tx) => {
    const [team] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.kind, 'social_services'), teamId ? eq(organisations.id, teamId) : undefined))
      .orderBy(asc(organisations.name))
      .limit(1);
    if (!team) throw new Error('Det finns inget team att skriva historik för.');
    const [seen] = await tx.select({ id: meetings.id }).from(meetings).where(and(eq(meetings.teamId, team.id), like(meetings.label, `${HISTORY_MARK}%`))).limit(1);
    if (seen) return false;
    const served = await tx.select({ id: organisations.id, parentId: organisations.parentId }).from(organisations).where(eq(organisations.servingTeamId, team.id)).orderBy(asc(organisations.name));
    const workers = (await tx.select({ id: memberships.userId }).from(memberships).where(and(eq(memberships.organisationId, team.id), eq(memberships.role, 'social_worker'))).orderBy(asc(memberships.userId))).map((w) => w.id);
    const staff = await tx
      .select({ userId: memberships.userId, organisationId: memberships.organisationId })
      .from(memberships)
      .where(and(inArray(memberships.role, ['pedagogue', 'principal', 'pupil_health']), or(...served.map((o) => eq(memberships.organisationId, o.id)))));
    if (workers.length < 2 || served.length === 0) throw new Error('Teamet behöver minst två socialsekreterare och verksamheter.');
    const rnd = random(20260307);
    const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
    const topics = ['unsure_report', 'advice_referral', 'plan_report', 'known_child', 'general_question'] as const;
    const places = served.filter((o) => staff.some((s) => s.organisationId === o.id));
    // Everything is gathered first and written in a few statements: ids are made here.
    const rows = {
      slots: [] as (typeof slots.$inferInsert)[],
      hosts: [] as (typeof slotHosts.$inferInsert)[],
      bookings: [] as (typeof bookings.$inferInsert)[],
      meetings: [] as (typeof meetings.$inferInsert)[],
      sitting: [] as (typeof meetingWorkers.$inferInsert)[],
      cases: [] as (typeof cases.$inferInsert)[],
      workers: [] as (typeof caseWorkers.$inferInsert)[],
      changes: [] as (typeof caseWorkerChanges.$inferInsert)[],
      events: [] as (typeof caseEvents.$inferInsert)[],
      concerns: [] as (typeof caseOrganisations.$inferInsert)[],
      statutory: [] as (typeof statutoryFeedback.$inferInsert)[],
      consents: [] as (typeof consents.$inferInsert)[],
      messages: [] as { row: typeof feedback.$inferInsert; on: string }[],
    };
    // The consent side draws from a source of its own, so the rest of the history stays as it was.
    const rndConsent = random(20261207);
    const from = (date: string, min: number, spread: number) => calendar.addDays(date, min + Math.floor(rndConsent() * spread));

    for (const [i, day] of calendar.days.entries()) {
      // Four consultations a week, a host a day.
      if (i % 5 !== 4 && places.length) {
        const place = pick(places);
        const slotId = crypto.randomUUID();
        const startsAt = day.at('14:00');
        const endsAt = day.at('14:45');
        rows.slots.push({ id: slotId, organisationId: place.id, kind: 'walk_and_talk', startsAt, endsAt, location: 'Vid huvudentrén', capacity: 1 });
        rows.hosts.push({ slotId, userId: workers[i % workers.length]!, startsAt, endsAt });
        rows.bookings.push({ slotId, bookerId: pick(staff.filter((x) => x.organisationId === place.id)).userId, topic: pick(topics), status: 'attended', createdAt: new Date(startsAt.getTime() - 3 * 86_400_000) });
      }
      // An anmälningsmöte every fourth working day, most opening a case.
      if (i % 4 !== 1) continue;
      const pair = [workers[i % workers.length]!, workers[(i + 1) % workers.length]!];
      const sitting = rnd() < 0.05 ? pair.slice(0, 1) : pair;
      const meetingId = crypto.randomUUID();
      const place = pick(served).id;
      const startsAt = day.at('09:00');
      const endsAt = day.at('10:00');
      rows.meetings.push({
        id: meetingId,
        type: 'report_meeting',
        organisationId: place,
        teamId: team.id,
        label: `${HISTORY_MARK} ${rows.meetings.length + 1}`,
        guardiansInformed: true,
        proposedTimes: [{ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }],
        status: 'held',
        startsAt,
        endsAt,
        reportFiled: true,
        outcomeBy: pair[0]!,
        createdAt: new Date(startsAt.getTime() - (3 + Math.floor(rnd() * 7)) * 86_400_000),
        scheduledAt: new Date(startsAt.getTime() - 2 * 86_400_000),
        singleWorkerReason: sitting.length === 1 ? 'Brådskande, ingen annan ledig.' : null,
      });
      rows.sitting.push(...sitting.map((userId) => ({ meetingId, userId, startsAt, endsAt })));
      if (rnd() < 0.1) continue;

      const caseId = crypto.randomUUID();
      rows.cases.push({ id: caseId, teamId: team.id, label: `${HISTORY_MARK} ${rows.cases.length + 1}`, reportMeetingId: meetingId, createdAt: endsAt });
      const steps = drawCasePath(day.date, rnd, calendar.addDays);
      // Only what has happened by today.
      rows.events.push(...steps.filter(([, on]) => on <= calendar.today).map(([kind, on]) => ({ caseId, kind, on })));
      consentSide(caseId, place, day.date, new Map(steps));
      // One case in eight is handed over to another worker, about a month in.
      if (rnd() < 0.13) {
        const next = workers.find((w) => !sitting.includes(w))!;
        rows.workers.push({ caseId, userId: next, responsible: true });
        rows.changes.push({ caseId, changedAt: new Date(endsAt.getTime() + 30 * 86_400_000), before: sitting, after: [next], reason: 'Föräldraledighet.', continuityOverridden: true });
      } else {
        rows.workers.push(...sitting.map((userId, k) => ({ caseId, userId, responsible: k === 0 })));
      }
    }

    /**
     * The school that reported hears back within days; when the family says yes, the guardians
     * consent to sharing how it goes, and the team and the school write to each other while it runs.
     */
    function consentSide(caseId: string, organisationId: string, reported: string, on: Map<Step, string>) {
      const about = { caseId, organisationId, teamId: team!.id };
      rows.concerns.push({ caseId, organisationId, reporter: true });
      const answered = from(reported, 1, 8);
      if (rndConsent() < 0.95 && answered <= calendar.today) {
        rows.statutory.push({ ...about, status: on.has('investigation_not_opened') ? 'investigation_not_opened' : 'investigation_opened', givenBy: workers[0], givenAt: calendar.instant(answered, '11:00') });
      }
      const yes = on.get('intervention_accepted');
      const start = on.get('intervention_started');
      if (!yes || !start || yes > calendar.today) return;
      const until = calendar.addDays(yes, 300);
      const withdrawnOn = rndConsent() < 0.05 ? from(start, 10, 30) : undefined;
      rows.consents.push({
        ...about,
        scopes: ['intervention_progress', 'school_observations'],
        parties: [{ role: 'guardian' }, { role: 'guardian' }],
        form: 'written',
        validFrom: yes,
        validUntil: until,
        recordedBy: workers[0],
        recordedAt: calendar.instant(yes, '13:00'),
        ...(withdrawnOn && withdrawnOn <= calendar.today ? { withdrawnAt: calendar.instant(withdrawnOn, '15:00'), withdrawalReason: 'Vårdnadshavarna återkallade samtycket.' } : {}),
      });
      const ends = [on.get('intervention_completed') ?? on.get('case_closed') ?? until, withdrawnOn ?? until, until, calendar.today].sort()[0]!;
      for (const [k, days] of [14, 40, 70].entries()) {
        const written = calendar.addDays(start, days);
        if (written >= ends) break;
        const fromTeam = k % 2 === 0;
        const acknowledged = rndConsent() < 0.85 && calendar.addDays(written, 1) < ends;
        rows.messages.push({
          on: written,
          row: {
            ...about,
            scope: fromTeam ? 'intervention_progress' : 'school_observations',
            body: fromTeam ? 'Insatsen har kommit igång och familjen deltar.' : 'Eleven är i skolan varje dag och verkar lugnare.',
            authorName: fromTeam ? 'Socialsekreteraren' : 'Mentorn',
            authorSide: fromTeam ? 'team' : 'school',
            createdAt: calendar.instant(written, '10:00'),
            ...(acknowledged ? { acknowledgedAt: calendar.instant(calendar.addDays(written, 1), '09:00'), acknowledgedBy: fromTeam ? 'Mentorn' : 'Socialsekreteraren' } : {}),
          },
        });
      }
    }

    const chunks = async <T>(list: T[], write: (part: T[]) => Promise<unknown>) => {
      for (let i = 0; i < list.length; i += 500) await write(list.slice(i, i + 500));
    };
    await chunks(rows.slots, (part) => tx.insert(slots).values(part));
    await chunks(rows.hosts, (part) => tx.insert(slotHosts).values(part));
    await chunks(rows.bookings, (part) => tx.insert(bookings).values(part));
    await chunks(rows.meetings, (part) => tx.insert(meetings).values(part));
    await chunks(rows.sitting, (part) => tx.insert(meetingWorkers).values(part));
    await chunks(rows.cases, (part) => tx.insert(cases).values(part));
    await chunks(rows.workers, (part) => tx.insert(caseWorkers).values(part));
    await chunks(rows.changes, (part) => tx.insert(caseWorkerChanges).values(part));
    await chunks(rows.events, (part) => tx.insert(caseEvents).values(part));
    await chunks(rows.concerns, (part) => tx.insert(caseOrganisations).values(part));
    // The tables under row-level security take the team's rows while the transaction acts for it,
    // and a message only while a consent covered it on the day it was written.
    const holdAt = (on: string, time: string) => holdTo(tx, { teamIds: [team.id], schoolOrganisationIds: [], now: calendar.instant(on, time), today: on });
    await holdAt(calendar.today, '12:00');
    await chunks(rows.statutory, (part) => tx.insert(statutoryFeedback).values(part));
    await chunks(rows.consents, (part) => tx.insert(consents).values(part));
    for (const message of rows.messages) {
      await holdAt(message.on, '10:00');
      await tx.insert(feedback).values(message.row);
    }
    // Each held meeting belongs to the case it opened.
    await tx.execute(sql`update ${meetings} set case_id = ${cases.id} from ${cases} where ${cases.reportMeetingId} = ${meetings.id} and ${meetings.teamId} = ${team.id} and ${meetings.caseId} is null and ${meetings.label} like ${`${HISTORY_MARK}%`}`);
    const consultations = rows.bookings.length;
    const meetingCount = rows.meetings.length;
    const caseCount = rows.cases.length;
    return { consultations, meetings: meetingCount, cases: caseCount };
  });
}
