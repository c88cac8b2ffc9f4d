import { eq, inArray } from 'drizzle-orm';
import type { Db } from './client.ts';
import { caseOrganisations, cases, caseWorkers, consents, feedback, statutoryFeedback, users } from './schema/index.ts';
import type { SeedCalendar } from './seed.ts';
import type { WalkAndTalkIds } from './seed-walk-and-talk.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

const plusDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Consents and feedback on the demo's cases, so every state shows: on "Familjen E" (from the held
 * anmälningsmöte) Vällingbyskolan has an active consent with a thread both ways and has had its
 * statutory feedback; a second case, "Syskonen K", has a consent for Grimstaskolan that ends within
 * 14 days, an earlier withdrawn one, and a report still waiting for statutory feedback.
 */
export async function seedConsents(tx: Tx, teamId: string, ids: WalkAndTalkIds, calendar: SeedCalendar) {
  const user = (email: string) => ids.userIds.get(email)!;
  const names = new Map((await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids.userIds.values()]))).map((u) => [u.id, u.name]));
  const past = calendar.pastWorkingDays;
  const at = (date: string | undefined, time: string) => calendar.at(date ?? calendar.today, time);

  const [familyE] = await tx.select({ id: cases.id, createdAt: cases.createdAt }).from(cases).where(eq(cases.label, 'Familjen E')).limit(1);
  const vallingby = ids.orgIds.get('vallingbyskolan')!;
  const soc1 = user('soc1@vallingbyteamet.example');
  if (familyE) {
    const from = past.at(-4) ?? calendar.today;
    await tx.insert(consents).values({ caseId: familyE.id, organisationId: vallingby, teamId, scopes: ['intervention_progress', 'school_observations'], parties: [{ role: 'guardian' }, { role: 'guardian' }], form: 'written', validFrom: from, validUntil: plusDays(from, 180), recordedBy: soc1, recordedAt: at(from, '11:00') });
    const principal = user('rektor@vallingbyskolan.example');
    const health = user('elevhalsa@vallingbyskolan.example');
    await tx.insert(feedback).values([
      { caseId: familyE.id, organisationId: vallingby, teamId, scope: 'intervention_progress', body: 'Familjen har tackat ja till föräldrastöd. Första träffen är bokad till nästa vecka.', authorId: soc1, authorName: names.get(soc1)!, authorSide: 'team', createdAt: at(past.at(-3), '09:30'), acknowledgedAt: at(past.at(-3), '13:05'), acknowledgedBy: names.get(principal)! },
      { caseId: familyE.id, organisationId: vallingby, teamId, scope: 'school_observations', body: 'Eleven kommer i tid och verkar lugnare på rasterna. Vi fortsätter med samtal hos kuratorn varannan vecka.', authorId: health, authorName: names.get(health)!, authorSide: 'school', createdAt: at(past.at(-1), '14:20') },
    ]);
    await tx.insert(statutoryFeedback).values({ caseId: familyE.id, organisationId: vallingby, teamId, status: 'investigation_opened', givenBy: soc1, givenAt: at(past.at(-4), '10:00') });
  }

  const grimsta = ids.orgIds.get('grimstaskolan')!;
  const soc6 = user('soc6@vallingbyteamet.example');
  const [siblings] = await tx.insert(cases).values({ teamId, label: 'Syskonen K', reportMeetingId: null, createdBy: soc6, createdAt: at(past.at(-6), '15:00') }).returning({ id: cases.id });
  await tx.insert(caseOrganisations).values({ caseId: siblings!.id, organisationId: grimsta, reporter: true });
  await tx.insert(caseWorkers).values({ caseId: siblings!.id, userId: soc6, responsible: true });
  const earlier = past.at(-6) ?? calendar.today;
  await tx.insert(consents).values([
    { caseId: siblings!.id, organisationId: grimsta, teamId, scopes: ['attendance'], parties: [{ role: 'guardian' }], form: 'verbal', validFrom: earlier, validUntil: plusDays(earlier, 90), recordedBy: soc6, recordedAt: at(earlier, '15:30'), withdrawnAt: at(past.at(-2), '10:00'), withdrawnBy: soc6, withdrawalReason: 'Vårdnadshavaren ville att vi tar det skriftligt i stället.' },
    { caseId: siblings!.id, organisationId: grimsta, teamId, scopes: ['intervention_progress', 'attendance', 'meeting_invitations'], parties: [{ role: 'guardian' }, { role: 'guardian' }], form: 'written', validFrom: past.at(-2) ?? calendar.today, validUntil: plusDays(calendar.today, 10), recordedBy: soc6, recordedAt: at(past.at(-2), '11:00') },
  ]);
}
