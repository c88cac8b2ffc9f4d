import { fixedClock } from '../../server/lib/clock.ts';
import { asUser, buildTestApp } from './app.ts';
import { createDistrict, createUser } from './factories.ts';

// A held anmälningsmöte with Anna and Bo opened the case; Cia and Dan are colleagues.
export async function openedCase() {
  const clock = fixedClock('2026-03-02T09:00:00+01:00');
  const { app, db } = await buildTestApp({ clock });
  const d = await createDistrict(db);
  const worker = (name: string) => createUser(db, { name, memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const [anna, bo, cia, dan] = [await worker('Anna Berg'), await worker('Bo Ek'), await worker('Cia Lund'), await worker('Dan Ström')];
  const lead = await createUser(db, { name: 'Maria Chef', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
  const principal = await createUser(db, { name: 'Rut Rektor', memberships: [{ organisationId: d.school.id, role: 'principal' }] });
  const as = (u: { email: string; password: string }) => asUser(app, u);
  const asLead = await as(lead);
  const meeting = await app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: await as(principal),
    payload: { type: 'report_meeting', organisationId: d.school.id, label: 'Familjen L', urgency: 'urgent', guardiansInformed: true, proposedTimes: [{ startsAt: '2026-03-04T10:00:00+01:00', endsAt: '2026-03-04T11:00:00+01:00' }] },
  });
  const meetingId = meeting.json().id;
  await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/schedule`, headers: asLead, payload: { startsAt: '2026-03-04T10:00:00+01:00', endsAt: '2026-03-04T11:00:00+01:00', socialWorkerIds: [anna.id, bo.id] } });
  clock.set('2026-03-04T11:00:00+01:00');
  const asBo = await as(bo);
  const outcome = await app.inject({ method: 'POST', url: `/api/meetings/${meetingId}/outcome`, headers: asBo, payload: { held: true, reportFiled: true } });
  const caseId = outcome.json().caseId as string;
  return { app, db, clock, ...d, anna, bo, cia, dan, lead, principal, as, asLead: await as(lead), asBo, caseId, meetingId };
}
export type Opened = Awaited<ReturnType<typeof openedCase>>;
