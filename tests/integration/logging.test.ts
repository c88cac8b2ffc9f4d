import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createSlot, createUser, reportMeetingRequest } from '../helpers/factories.ts';
import { privileged } from '../helpers/db.ts';

describe('the application log', () => {
  test('one line per answer with method, path, status and time: never a label, note, query, address or credential', async () => {
    const lines: string[] = [];
    const { app, db } = await buildTestApp({
      clock: fixedClock('2026-03-02T09:00:00+01:00'),
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    const d = await createDistrict(db);
    const anna = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const slot = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: '2026-03-10T13:00:00+01:00' });

    const asPrincipal = await asUser(app, principal);
    const meeting = reportMeetingRequest(d.school.id);
    expect((await app.inject({ method: 'POST', url: '/api/meetings', headers: asPrincipal, payload: meeting })).statusCode).toBe(201);
    const refused = await app.inject({ method: 'POST', url: '/api/meetings', headers: asPrincipal, payload: { ...meeting, label: 'Elev 150312-1234' } });
    expect(refused.statusCode).toBe(422);
    const asPedagogue = await asUser(app, pedagogue);
    const note = 'Oro kring en elev i åk 7B sedan v. 8.';
    expect((await app.inject({ method: 'POST', url: `/api/slots/${slot.id}/bookings`, headers: asPedagogue, payload: { topic: 'unsure_report', note } })).statusCode).toBe(201);
    await app.inject({ method: 'GET', url: `/api/organisations/${d.school.id}/reach?at=2026-03-02T22:00:00%2B01:00`, headers: asPedagogue });

    const answers = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'svar');
    expect(answers.map((a) => `${a.method} ${a.path} ${a.statusCode}`)).toEqual([
      'POST /api/auth/login 200',
      'POST /api/meetings 201',
      'POST /api/meetings 422',
      'POST /api/auth/login 200',
      `POST /api/slots/${slot.id}/bookings 201`,
      `GET /api/organisations/${d.school.id}/reach 200`,
    ]);
    expect(answers.every((a) => typeof a.ms === 'number')).toBe(true);
    const everything = lines.join('\n');
    for (const secret of ['Elev B', '150312', 'Oro kring', '2026-03-02T22', principal.email, principal.password, 'samverkan_session', '127.0.0.1']) {
      expect(everything).not.toContain(secret);
    }
  });
});

describe('a database error in the log', () => {
  // Fires only for the marked texts below, so no other test's writes meet it.
  const trap = [
    `create or replace function test_log_trap() returns trigger language plpgsql as $$
     begin
       if new.body like '%LOGGTEST-RLS%' then raise exception 'new row violates row-level security policy' using errcode = '42501'; end if;
       if new.body like '%LOGGTEST-FEL%' then raise exception 'value % is wrong', new.body using errcode = '22023'; end if;
       return new;
     end $$`,
    'drop trigger if exists test_log_trap on feedback',
    'create trigger test_log_trap before insert on feedback for each row execute function test_log_trap()',
  ];

  test('a refused row is 403 no_consent, any other is 500, and neither writes the request’s text to the log, only its SQLSTATE and route', async () => {
    const lines: string[] = [];
    const { app, db } = await buildTestApp({
      clock: fixedClock('2026-03-10T10:00:00+01:00'),
      logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } },
    });
    for (const statement of trap) await privileged(db, (tx) => tx.execute(sql.raw(statement)));
    const d = await createDistrict(db);
    const anna = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const headers = await asUser(app, anna);
    const caseId = (await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { label: 'Familjen Loggsson', organisationIds: [d.school.id], workerIds: [anna.id] } })).json().id;
    const consent = { organisationId: d.school.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'written', validFrom: '2026-03-10', validUntil: '2026-06-12' };
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/consents`, headers, payload: consent })).statusCode).toBe(201);
    const write = (body: string) => app.inject({ method: 'POST', url: `/api/cases/${caseId}/feedback`, headers, payload: { organisationId: d.school.id, scope: 'intervention_progress', body } });

    const refused = await write('Mamman berättade om bråket hemma LOGGTEST-RLS');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('no_consent');
    const failed = await write('Pappan har flyttat till Sundbyberg LOGGTEST-FEL');
    expect(failed.statusCode).toBe(500);
    expect(failed.body).not.toContain('Sundbyberg');

    const logged = lines.join('\n');
    for (const secret of ['bråket', 'Sundbyberg', 'LOGGTEST', 'Loggsson', 'insert into', 'params']) expect(logged).not.toContain(secret);
    const error = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'database error');
    expect(error).toMatchObject({ sqlstate: '22023', route: '/api/cases/:id/feedback' });
    await privileged(db, (tx) => tx.execute(sql.raw('drop trigger if exists test_log_trap on feedback')));
  });
});
