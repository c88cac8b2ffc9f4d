import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { outbox } from '../../db/schema/index.ts';
import { openedCase, type Opened } from '../helpers/cases.ts';
import { privileged } from '../helpers/db.ts';

type Headers = { cookie: string };
const step = (c: Opened, headers: Headers, kind: string, on: string) => c.app.inject({ method: 'POST', url: `/api/cases/${c.caseId}/events`, headers, payload: { kind, on } });
const read = async (c: Opened, headers: Headers = c.asBo) => (await c.app.inject({ method: 'GET', url: `/api/cases/${c.caseId}`, headers })).json();

describe('the case\'s path from report to check-in', () => {
  test('a case from an anmälningsmöte starts with the report received on the meeting\'s date', async () => {
    const c = await openedCase();
    const kase = await read(c);
    expect(kase.events).toEqual([{ kind: 'report_received', on: '2026-03-04' }]);
    expect(kase.nextSteps).toEqual(['investigation_opened', 'investigation_not_opened', 'case_closed']);
    expect(kase.can.recordSteps).toBe(true);
  });

  test('the workers record the path in order, each step once, and the case shows it', async () => {
    const c = await openedCase();
    c.clock.set('2026-05-20T12:00:00+02:00');
    // Weeks later: the sessions of the meeting day have ended.
    const [bo, lead] = [await c.as(c.bo), await c.as(c.lead)];
    for (const [kind, on] of [
      ['investigation_opened', '2026-03-05'],
      ['intervention_offered', '2026-03-20'],
      ['intervention_accepted', '2026-03-23'],
      ['intervention_started', '2026-03-25'],
      ['intervention_completed', '2026-05-15'],
      ['case_closed', '2026-05-20'],
    ] as const) {
      const res = await step(c, kind === 'intervention_offered' ? lead : bo, kind, on);
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
      expect(res.json()).toEqual({ kind, on });
    }
    const kase = await read(c, bo);
    expect(kase.events.map((e: { kind: string }) => e.kind)).toEqual(['report_received', 'investigation_opened', 'intervention_offered', 'intervention_accepted', 'intervention_started', 'intervention_completed', 'case_closed']);
    expect(kase.nextSteps).toEqual(['check_in_done']);
    // After closing, only the check-in call; it cannot precede the closing.
    expect((await step(c, bo, 'intervention_declined', '2026-05-20')).statusCode).toBe(400);
    const early = await step(c, bo, 'check_in_done', '2026-05-19');
    expect(early.statusCode).toBe(400);
    expect(early.json().fields).toEqual([{ field: 'on', message: '”Uppföljande samtal gjort” kan inte ha skett före ”ärendet avslutades” (2026-05-20).' }]);
  });

  test('an impossible order or a date in the future is refused in Swedish and changes nothing', async () => {
    const c = await openedCase();
    const skipped = await step(c, c.asBo, 'intervention_started', '2026-03-04');
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json()).toMatchObject({ code: 'invalid_request', detail: '”Familjen tackade ja” måste registreras före ”insatsen började”.' });
    const future = await step(c, c.asBo, 'investigation_opened', '2026-03-05');
    expect(future.statusCode).toBe(400);
    expect(future.json().detail).toMatch(/framtiden/);
    expect((await step(c, c.asBo, 'report_received', '2026-03-01')).json().detail).toMatch(/redan registrerat/);
    expect((await step(c, c.asBo, 'no_such_step', '2026-03-01')).statusCode).toBe(400);
    expect((await step(c, c.asBo, 'investigation_opened', '9999-12-31')).statusCode).toBe(400);
    expect((await read(c)).events).toHaveLength(1);
  });

  test('only the case\'s workers and the team lead record steps: a colleague gets 404, a rektor 403', async () => {
    const c = await openedCase();
    expect((await step(c, await c.as(c.cia), 'investigation_opened', '2026-03-04')).statusCode).toBe(404);
    expect((await step(c, await c.as(c.principal), 'investigation_opened', '2026-03-04')).statusCode).toBe(403);
    expect((await read(c)).events).toHaveLength(1);
  });

  test('who worked with the family is kept over time: a handover closes one period and opens another', async () => {
    const c = await openedCase();
    c.clock.set('2026-04-01T10:00:00+02:00');
    const handover = await c.app.inject({ method: 'PUT', url: `/api/cases/${c.caseId}/workers`, headers: await c.as(c.bo), payload: { responsibleId: c.anna.id, coWorkerIds: [c.cia.id] } });
    expect(handover.statusCode).toBe(200);
    const periods = (await read(c, await c.as(c.lead))).workerHistory as { name: string; responsible: boolean; from: string; until: string | null }[];
    expect(periods).toEqual([
      { userId: c.bo.id, name: 'Bo Ek', responsible: true, from: '2026-03-04', until: '2026-04-01' },
      { userId: c.anna.id, name: 'Anna Berg', responsible: false, from: '2026-03-04', until: '2026-04-01' },
      { userId: c.anna.id, name: 'Anna Berg', responsible: true, from: '2026-04-01', until: null },
      { userId: c.cia.id, name: 'Cia Lund', responsible: false, from: '2026-04-01', until: null },
    ]);
  });
});

describe('the check-in call after a case is closed', () => {
  test('it is due in the responsible worker\'s agenda three months after closing, stays on today until made, then goes', async () => {
    const c = await openedCase();
    c.clock.set('2026-03-20T09:00:00+01:00');
    const bo = await c.as(c.bo);
    for (const [kind, on] of [['investigation_not_opened', '2026-03-05'], ['case_closed', '2026-03-20']] as const) expect((await step(c, bo, kind, on)).statusCode).toBe(201);
    const agenda = async (headers: Headers, from: string, to: string) =>
      ((await c.app.inject({ method: 'GET', url: `/api/me/agenda?from=${from}&to=${to}`, headers })).json() as { kind: string; startsAt: string; title: string; link: string }[]).filter((i) => i.kind === 'check_in');
    const due = await agenda(bo, '2026-06-15', '2026-06-30');
    expect(due).toEqual([expect.objectContaining({ startsAt: '2026-06-19T22:00:00.000Z', title: 'Uppföljande samtal med en familj', link: `/arenden/${c.caseId}?visa=vag` })]);
    // Anna is on the case but not responsible: the call is Bo's.
    expect(await agenda(await c.as(c.anna), '2026-06-15', '2026-06-30')).toEqual([]);
    // In July it has not been made: it is on today.
    c.clock.set('2026-07-06T09:00:00+02:00');
    const late = await c.as(c.bo);
    expect((await agenda(late, '2026-07-06', '2026-07-12')).map((i) => i.startsAt)).toEqual(['2026-07-05T22:00:00.000Z']);
    expect((await step(c, late, 'check_in_done', '2026-07-06')).statusCode).toBe(201);
    expect(await agenda(late, '2026-07-06', '2026-07-12')).toEqual([]);
  });

  test('on the day it comes due the responsible worker gets a notification and a mail, once, naming no family', async () => {
    const c = await openedCase();
    c.clock.set('2026-03-20T09:00:00+01:00');
    const bo = await c.as(c.bo);
    for (const [kind, on] of [['investigation_not_opened', '2026-03-05'], ['case_closed', '2026-03-20']] as const) expect((await step(c, bo, kind, on)).statusCode).toBe(201);
    const bell = async (who: typeof c.bo) =>
      ((await c.app.inject({ method: 'GET', url: '/api/me/notifications', headers: await c.as(who) })).json() as { kind: string; text: string; link: string }[]).filter((n) => n.kind === 'reminder.check_in');

    c.clock.set('2026-06-19T09:00:00+02:00');
    await c.app.housekeeping();
    expect(await bell(c.bo)).toEqual([]);
    c.clock.set('2026-06-20T09:00:00+02:00');
    await c.app.housekeeping();
    await c.app.housekeeping();
    expect(await bell(c.bo)).toEqual([expect.objectContaining({ text: 'Dags för ett uppföljande samtal med en familj', link: `/arenden/${c.caseId}?visa=vag` })]);
    expect(await bell(c.anna)).toEqual([]);
    const [mail] = await privileged(c.db, (tx) => tx.select({ text: outbox.text, html: outbox.html }).from(outbox).where(eq(outbox.dedupeKey, `check-in:${c.caseId}`)));
    expect(mail!.text).toContain('avslutades för 3 månader sedan');
    expect(mail!.text + mail!.html).not.toContain('Familjen L');
  });
});

describe('cases from ansöknings- and kartläggningsmöten', () => {
  test('a held ansökningsmöte opens a case when the outcome says so; who was there met the family, and nobody reported', async () => {
    const c = await openedCase();
    c.clock.set('2026-03-09T09:00:00+01:00');
    const asPrincipal = await c.as(c.principal);
    const asLead = await c.as(c.lead);
    const meetingOf = async (type: string, hour: number) => {
      const times = [{ startsAt: `2026-03-11T${hour}:00:00+01:00`, endsAt: `2026-03-11T${hour + 1}:00:00+01:00` }];
      const id = (await c.app.inject({ method: 'POST', url: '/api/meetings', headers: asPrincipal, payload: { type, organisationId: c.school.id, label: 'Familjen A', guardiansInformed: true, proposedTimes: times } })).json().id as string;
      expect((await c.app.inject({ method: 'POST', url: `/api/meetings/${id}/schedule`, headers: asLead, payload: { ...times[0], socialWorkerIds: [c.cia.id, c.dan.id] } })).statusCode).toBe(200);
      return id;
    };
    const application = await meetingOf('application_meeting', 10);
    const mapping = await meetingOf('mapping_meeting', 13);
    c.clock.set('2026-03-11T14:00:00+01:00');
    const cia = await c.as(c.cia);
    const outcome = (id: string, payload: object) => c.app.inject({ method: 'POST', url: `/api/meetings/${id}/outcome`, headers: cia, payload });

    // Not held: no case, said in Swedish.
    const notHeld = await outcome(mapping, { held: false, openCase: true });
    expect(notHeld.statusCode).toBe(400);
    expect(notHeld.json().detail).toBe('Ett ärende öppnas bara från ett möte som blev av.');
    // An anmälningsmöte opens its case by itself: the choice is not its to make.
    const report = await c.app.inject({ method: 'POST', url: `/api/meetings/${c.meetingId}/outcome`, headers: await c.as(c.bo), payload: { held: true, openCase: false } });
    expect(report.json()).toMatchObject({ status: 400, detail: expect.stringContaining('Ärenden öppnas från anmälningsmöten av sig själva') });

    const opened = await outcome(application, { held: true, openCase: true });
    expect(opened.statusCode).toBe(200);
    const caseId = opened.json().caseId as string;
    const kase = (await c.app.inject({ method: 'GET', url: `/api/cases/${caseId}`, headers: cia })).json();
    expect(kase.label).toBe('Familjen A');
    expect(kase.metFamily.map((p: { userId: string }) => p.userId).sort()).toEqual([c.cia.id, c.dan.id].sort());
    expect(kase.events).toEqual([]);
    expect(kase.organisations).toEqual([expect.objectContaining({ id: c.school.id, reporter: false })]);
    // Held without a case: the meeting is done, nothing opened.
    const justHeld = await outcome(mapping, { held: true, openCase: false });
    expect(justHeld.json()).toEqual({ status: 'held' });
  });
});
