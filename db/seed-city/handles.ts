import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type DbOrTx } from '../client.ts';
import { cityDistrictName, CITY_DOMAIN, cityEmail } from './names.ts';

type Org = { id: string; name: string; kind: string; servingTeamId: string | null };

export type CityHandles = {
  districtIds: string[];
  /** The city's schools, preschool units and preschools, by name (Provskolan 0001 is organisation 0). */
  organisations: Org[];
  teams: { id: string; name: string }[];
  /** A pedagogue of the first school, and the school. */
  pedagogue: { email: string; organisationId: string };
  /** A principal, and an anmälningsmöte of their school they can see. */
  principal: { email: string; organisationId: string; reportMeetingId: string };
  /** A social worker, and a case they work on (theirs to open). */
  socialWorker: { email: string; teamId: string; caseId: string };
  /** The lead of that social worker's team. */
  lead: { email: string; teamId: string };
};

const districtPattern = cityDistrictName(0).replace(/\d+$/, '%');

/** What a bench needs to start from in a seeded city: ids to ask for and people to sign in as (all with DEMO_PASSWORD). */
export async function cityHandles(db: DbOrTx): Promise<CityHandles> {
  const q = async <T>(query: SQL) => rowsOf<T>(await db.execute(query));
  const districtIds = (await q<{ id: string }>(sql`select id from districts where name like ${districtPattern} order by name`)).map((d) => d.id);
  if (districtIds.length === 0) throw new Error('Staden finns inte i databasen: kör npm run seed:city först.');
  const all = await q<Org & { kind: string }>(sql`select id, name, kind, serving_team_id as "servingTeamId" from organisations
    where district_id = any(${`{${districtIds.join(',')}}`}::uuid[]) order by name`);
  const teams = all.filter((o) => o.kind === 'social_services').map(({ id, name }) => ({ id, name }));
  const organisations = all.filter((o) => o.kind !== 'social_services');

  const [school] = await q<{ organisationId: string }>(sql`select m.organisation_id as "organisationId" from memberships m join users u on u.id = m.user_id
    where u.email = ${cityEmail.pedagogue(0, 0)} limit 1`);
  // The first school with an anmälningsmöte, its principal (rektor-<o>@…) following it.
  const [meeting] = await q<{ id: string; organisationId: string; email: string }>(sql`select m.id, m.organisation_id as "organisationId", u.email
    from meetings m join memberships ms on ms.organisation_id = m.organisation_id and ms.role = 'principal' join users u on u.id = ms.user_id
    where m.type = 'report_meeting' and u.email like ${`rektor-%@skola.${CITY_DOMAIN}`}
    order by (u.email = ${cityEmail.principal(0)}) desc, m.starts_at desc nulls last limit 1`);
  const [work] = await q<{ caseId: string; email: string; teamId: string }>(sql`select cw.case_id as "caseId", u.email, c.team_id as "teamId"
    from case_workers cw join cases c on c.id = cw.case_id join users u on u.id = cw.user_id
    where cw.responsible and u.email like ${`soc-%@team.${CITY_DOMAIN}`} order by c.created_at desc limit 1`);
  if (!school || !meeting || !work) throw new Error('Staden saknar en pedagog, ett anmälningsmöte eller ett ärende.');
  const [lead] = await q<{ email: string }>(sql`select u.email from memberships m join users u on u.id = m.user_id
    where m.organisation_id = ${work.teamId} and m.role = 'team_lead' limit 1`);
  return {
    districtIds,
    organisations,
    teams,
    pedagogue: { email: cityEmail.pedagogue(0, 0), organisationId: school.organisationId },
    principal: { email: meeting.email, organisationId: meeting.organisationId, reportMeetingId: meeting.id },
    socialWorker: { email: work.email, teamId: work.teamId, caseId: work.caseId },
    lead: { email: lead!.email, teamId: work.teamId },
  };
}
