import { describe, expect, test } from 'vitest';
import { seedHistory } from '../../db/seed-history.ts';
import { addDays } from '../../server/contracts/time.ts';
import { historyCalendar } from '../../server/lib/demo-calendar.ts';
import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

const TODAY = '2026-12-07';

describe('npm run seed:history', () => {
  test('two years of a team\'s activity whose figures land near the pilot\'s; a second run writes nothing', async () => {
    const { app, db } = await buildTestApp({ clock: fixedClock(`${TODAY}T09:00:00+01:00`) });
    const d = await createDistrict(db);
    for (const name of ['Anna', 'Bo', 'Cia', 'Dan']) await createUser(db, { name, memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    await createUser(db, { memberships: [{ organisationId: d.preschool.id, role: 'pedagogue' }] });
    const lead = await createUser(db, { memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
    const calendar = historyCalendar(new Date(`${TODAY}T09:00:00+01:00`));
    const written = await seedHistory(db, calendar, d.team.id);
    expect(written).toMatchObject({ consultations: expect.any(Number), meetings: expect.any(Number), cases: expect.any(Number) });
    expect(await seedHistory(db, calendar, d.team.id)).toBe(false);

    const res = await app.inject({ method: 'GET', url: `/api/figures?teamId=${d.team.id}&from=${addDays(TODAY, -730)}&to=${TODAY}`, headers: await asUser(app, lead) });
    const value = Object.fromEntries((res.json().metrics as { key: string; value: number }[]).map((m) => [m.key, m.value]));
    expect(value.consultations).toBeGreaterThan(300);
    expect(value.report_meetings).toBeGreaterThan(100);
    expect(value.social_workers_met_per_family_mean).toBeGreaterThanOrEqual(1.8);
    expect(value.social_workers_met_per_family_mean).toBeLessThanOrEqual(2.4);
    expect(value.share_cases_without_handover).toBeGreaterThanOrEqual(78);
    expect(value.share_interventions_accepted).toBeGreaterThanOrEqual(65);
    expect(value.share_interventions_accepted).toBeLessThanOrEqual(87);
    expect(value.days_decision_to_start_median).toBeGreaterThanOrEqual(3);
    expect(value.days_decision_to_start_median).toBeLessThanOrEqual(7);
    expect(value.share_interventions_completed).toBeGreaterThanOrEqual(78);
    expect(value.share_report_meetings_two_workers).toBeGreaterThanOrEqual(90);
    // The consent side: schools hear back within days; consents and messages while interventions run.
    expect(value.statutory_feedback_sent).toBeGreaterThan(80);
    expect(value.statutory_feedback_days_median).toBeGreaterThanOrEqual(2);
    expect(value.statutory_feedback_days_median).toBeLessThanOrEqual(7);
    expect(value.feedback_messages).toBeGreaterThan(100);
    expect(value.share_feedback_acknowledged).toBeGreaterThanOrEqual(75);
  });
});
