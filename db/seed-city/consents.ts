import type { Tx } from '../client.ts';
import { holdTo } from '../tenancy.ts';
import { insertRows, plusDays, random, type Value } from './bulk.ts';
import type { CityDirectory } from './directory.ts';
import type { PlannedCase } from './cases.ts';
import type { CityCalendar } from './plan.ts';

/**
 * The consent side of the cases, as seed-history writes it: the reporting school hears back within
 * days; when the family says yes, the guardians consent to sharing how it goes, and the team and
 * the school write to each other while it runs. One consent in twenty is withdrawn.
 *
 * These tables are under forced row-level security (migration 0008), for the seed's owner too:
 * the transaction acts for all the city's teams, and each day's messages are written on that day,
 * when a consent covered them (the policy checks it).
 */
export async function writeConsentSide(tx: Tx, calendar: CityCalendar, directory: CityDirectory, cases: PlannedCase[]) {
  const rnd = random(20261207);
  const from = (date: string, min: number, spread: number) => plusDays(date, min + Math.floor(rnd() * spread));
  const statutory: Value[][] = [];
  const consents: Value[][] = [];
  const messagesByDay = new Map<string, Value[][]>();

  for (const c of cases) {
    const answered = from(c.opened, 1, 8);
    if (rnd() < 0.95 && answered <= calendar.today) {
      const status = c.steps.has('investigation_not_opened') ? 'investigation_not_opened' : 'investigation_opened';
      statutory.push([crypto.randomUUID(), c.id, c.org.id, c.teamId, status, c.workers[0]!.id, calendar.at(answered, '11:00')]);
    }
    const yes = c.steps.get('intervention_accepted');
    const start = c.steps.get('intervention_started');
    if (!yes || !start || yes > calendar.today) continue;
    const until = plusDays(yes, 300);
    const withdrawnOn = rnd() < 0.05 ? from(start, 10, 30) : undefined;
    const withdrawn = withdrawnOn !== undefined && withdrawnOn <= calendar.today;
    const consentId = crypto.randomUUID();
    consents.push([
      consentId,
      c.id,
      c.org.id,
      c.teamId,
      '{intervention_progress,school_observations}',
      JSON.stringify([{ role: 'guardian' }, { role: 'guardian' }]),
      'written',
      yes,
      until,
      c.workers[0]!.id,
      calendar.at(yes, '13:00'),
      withdrawn ? calendar.at(withdrawnOn, '15:00') : null,
      withdrawn ? c.workers[0]!.id : null,
      withdrawn ? 'Vårdnadshavarna återkallade samtycket.' : null,
    ]);
    const ends = [c.steps.get('intervention_completed') ?? c.steps.get('case_closed') ?? until, withdrawnOn ?? until, until, calendar.today].sort()[0]!;
    const worker = c.workers[0]!;
    const school = c.org.pupilHealth ?? c.org.principal ?? c.org.pedagogues[0]!;
    for (const [k, days] of [14, 40, 70].entries()) {
      const written = plusDays(start, days);
      if (written >= ends) break;
      const fromTeam = k % 2 === 0;
      const author = fromTeam ? worker : school;
      const acknowledged = rnd() < 0.85 && plusDays(written, 1) < ends;
      const row: Value[] = [
        crypto.randomUUID(),
        c.id,
        c.org.id,
        c.teamId,
        fromTeam ? 'intervention_progress' : 'school_observations',
        fromTeam ? 'Insatsen har kommit igång och familjen deltar.' : 'Eleven är i skolan varje dag och verkar lugnare.',
        author.id,
        author.name,
        fromTeam ? 'team' : 'school',
        calendar.at(written, '10:00'),
        acknowledged ? calendar.at(plusDays(written, 1), '09:00') : null,
        acknowledged ? (fromTeam ? school : worker).name : null,
      ];
      messagesByDay.set(written, [...(messagesByDay.get(written) ?? []), row]);
    }
  }

  const teamIds = directory.teams.map((t) => t.id);
  const hold = (day: string, time: string) => holdTo(tx, { teamIds, schoolOrganisationIds: [], now: calendar.at(day, time), today: day });
  await hold(calendar.today, '12:00');
  await insertRows(tx, 'statutory_feedback', [['id', 'uuid'], ['case_id', 'uuid'], ['organisation_id', 'uuid'], ['team_id', 'uuid'], ['status', 'text'], ['given_by', 'uuid'], ['given_at', 'timestamptz']], statutory);
  await insertRows(
    tx,
    'consents',
    [
      ['id', 'uuid'], ['case_id', 'uuid'], ['organisation_id', 'uuid'], ['team_id', 'uuid'], ['scopes', 'text', 'text[]'], ['parties', 'text', 'jsonb'], ['form', 'text'],
      ['valid_from', 'date'], ['valid_until', 'date'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz'], ['withdrawn_at', 'timestamptz'], ['withdrawn_by', 'uuid'], ['withdrawal_reason', 'text'],
    ],
    consents,
  );
  let messages = 0;
  for (const day of [...messagesByDay.keys()].sort()) {
    await hold(day, '10:00');
    messages += await insertRows(
      tx,
      'feedback',
      [
        ['id', 'uuid'], ['case_id', 'uuid'], ['organisation_id', 'uuid'], ['team_id', 'uuid'], ['scope', 'text'], ['body', 'text'], ['author_id', 'uuid'],
        ['author_name', 'text'], ['author_side', 'text'], ['created_at', 'timestamptz'], ['acknowledged_at', 'timestamptz'], ['acknowledged_by', 'text'],
      ],
      messagesByDay.get(day)!,
    );
  }
  await hold(calendar.today, '12:00');
  return { statutoryFeedback: statutory.length, consents: consents.length, feedback: messages };
}
