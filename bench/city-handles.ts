// Who the city bench acts as, picked from the seeded city by plain SQL (the bench reads as the
// database's owner): readers in one half of the districts, writers in the other, so the writes
// land "elsewhere in the city" from the reads they run beside.
import type pg from 'pg';

export type CityHandles = {
  readers: { email: string; organisationId: string }[];
  principals: { email: string; meetingId: string }[];
  workers: { email: string; caseId: string }[];
  bookers: { email: string; slotIds: string[] }[];
  leads: { email: string; teamId: string; duties: { day: string; userId: string }[] }[];
  districtId: string;
  stormOrganisationId: string;
};

const half = `with d as (select id, row_number() over (order by name) as n, count(*) over () as total from districts)`;

export async function cityHandles(client: pg.Client, people = 50): Promise<CityHandles> {
  const q = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[];
  // One pedagogue at each of `people` schools of the reading half.
  const readers = await q<{ email: string; organisationId: string }>(
    `${half} select distinct on (o.id) u.email, o.id as "organisationId" from organisations o join d on d.id = o.district_id and d.n <= d.total / 2
     join memberships m on m.organisation_id = o.id and m.role = 'pedagogue' join users u on u.id = m.user_id
     where o.kind in ('school', 'preschool') and o.serving_team_id is not null and o.archived_at is null order by o.id, u.email limit $1`,
    [people],
  );
  // Principals who see a report meeting of their school (an audited read).
  const principals = await q<{ email: string; meetingId: string }>(
    `${half} select distinct on (o.id) u.email, mt.id as "meetingId" from meetings mt join organisations o on o.id = mt.organisation_id join d on d.id = o.district_id and d.n <= d.total / 2
     join memberships m on m.organisation_id = o.id and m.role = 'principal' join users u on u.id = m.user_id
     where mt.type = 'report_meeting' order by o.id, mt.id limit $1`,
    [people],
  );
  // Social workers on a case (an audited read), one case each.
  const workers = await q<{ email: string; caseId: string }>(
    `${half} select distinct on (u.id) u.email, c.id as "caseId" from cases c join organisations t on t.id = c.team_id join d on d.id = t.district_id and d.n <= d.total / 2
     join case_workers cw on cw.case_id = c.id join users u on u.id = cw.user_id where c.purged_at is null order by u.id, c.id limit $1`,
    [people],
  );
  // Writers: pedagogues of the other half, each with free walk-and-talk slots ahead at their school.
  const bookers = await q<{ email: string; slotIds: string[] }>(
    `${half}, schools as (
       select distinct on (o.id) o.id, u.email from organisations o join d on d.id = o.district_id and d.n > d.total / 2
       join memberships m on m.organisation_id = o.id and m.role = 'pedagogue' join users u on u.id = m.user_id
       where o.kind in ('school', 'preschool') and o.archived_at is null order by o.id, u.email)
     select s.email, array(select sl.id from slots sl where sl.organisation_id = s.id and sl.starts_at > now() + interval '2 days'
       and sl.booked < sl.capacity and sl.kind = 'walk_and_talk' order by sl.starts_at limit 40) as "slotIds"
     from schools s limit $1`,
    [people],
  );
  // Team leads of the other half, with duty days ahead: the seeded workers are busy every other
  // block, so a day's holder is set again (a real write of the roster), not swapped for someone busy.
  const leads = await q<{ email: string; teamId: string; duties: { day: string; userId: string }[] }>(
    `${half} select distinct on (t.id) u.email, t.id as "teamId",
       coalesce((select json_agg(json_build_object('day', r.day, 'userId', r.user_id) order by r.day) from
         (select day, user_id from duty_roster where team_id = t.id and day > current_date + 7 order by day limit 40) r), '[]') as "duties"
     from organisations t join d on d.id = t.district_id and d.n > d.total / 2 join memberships m on m.organisation_id = t.id and m.role = 'team_lead'
     join users u on u.id = m.user_id where t.kind = 'social_services' order by t.id, u.email limit 20`,
  );
  const [district] = await q<{ id: string }>(`${half} select id from d where n = 1`);
  if (!readers.length || !principals.length || !workers.length || !district) throw new Error('the city is not seeded: run npm run seed:city first');
  return {
    readers, principals, workers, leads: leads.filter((l) => l.duties.length > 0),
    bookers: bookers.filter((b) => b.slotIds.length > 0),
    districtId: district.id,
    stormOrganisationId: readers[readers.length - 1]!.organisationId,
  };
}
