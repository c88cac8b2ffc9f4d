import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../client.ts';
import { BATCH, insertRows, random } from './bulk.ts';
import type { PlannedCase } from './cases.ts';
import type { CityDirectory, CityOrg, Person } from './directory.ts';
import type { CityCalendar, CityPlan } from './plan.ts';
import type { PlannedMeeting } from './schedule.ts';

/** One audit row's facts, as server/modules/audit/audit.models.ts has them. */
export type AuditFacts = {
  at: Date;
  actorId: string | null;
  actorName: string;
  actorRole: string | null;
  organisationId: string | null;
  organisationName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  caseId: string | null;
  address: string | null;
};

/**
 * The app's own hash chain (audit.models.ts: `chain` and `GENESIS`), handed in by the caller as db
 * imports nothing of the server: the same canonical form and hash, so `npm run audit:verify` finds it whole.
 */
export type AuditChain = {
  GENESIS: string;
  chain: (lastHash: string, facts: AuditFacts[]) => (AuditFacts & { prevHash: string; hash: string })[];
};

type Actor = { person: Person; organisationId: string; organisationName: string; address: string };

const COLUMNS = [
  ['at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_name', 'text'], ['actor_role', 'text'], ['organisation_id', 'uuid'], ['organisation_name', 'text'],
  ['action', 'text'], ['target_type', 'text'], ['target_id', 'uuid'], ['case_id', 'uuid'], ['address', 'text'], ['prev_hash', 'text'], ['hash', 'text'],
] as const;

/**
 * A year of reads and changes in the audit log, as the app writes them: who (with the membership
 * that gave access), what, which meeting or case or list, when and from where. Rows are chained
 * in id order onto the log's last hash, under the lock the app's writers take, in batches.
 */
export async function writeAudit(tx: Tx, auditChain: AuditChain, plan: CityPlan, calendar: CityCalendar, directory: CityDirectory, meetings: PlannedMeeting[], cases: PlannedCase[]) {
  const rnd = random(20260101);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const teamSide = (p: Person, team: number, k: number): Actor => {
    const t = directory.teams[team]!;
    return { person: p, organisationId: t.id, organisationName: t.name, address: `203.0.113.${1 + (k % 254)}` };
  };
  const teamIndex = new Map(directory.teams.map((t) => [t.id, t.index]));
  // A preschool's meetings are followed by its unit's leadership; a school's by its principal.
  const schoolSide = (o: CityOrg, k: number): Actor => {
    const org = o.principal ? o : directory.orgs[plan.parentOf(o.index)!]!;
    return { person: org.principal!, organisationId: org.id, organisationName: org.name, address: `198.51.100.${1 + (k % 254)}` };
  };
  const family = meetings.filter((m) => m.type !== 'staff_visit' && m.startsAt.getTime() < calendar.now.getTime() + 90 * 86_400_000);
  const caseOfMeeting = new Map(cases.filter((c) => c.reportMeetingId).map((c) => [c.reportMeetingId!, c.id]));
  const teamPeople = directory.teams.filter((t) => plan.placesOfTeam(t.index).length > 0);

  function factsAt(i: number, at: Date): AuditFacts {
    const r = i % 20;
    let actor: Actor;
    let e: { action: string; targetType: string; targetId: string; caseId: string | null };
    if ((r < 7 || r === 19) && family.length) {
      const m = pick(family);
      const own = m.workers.length > 0 && rnd() < 0.7;
      actor = own ? teamSide(pick(m.workers), m.team, i) : rnd() < 0.5 ? teamSide(directory.teams[m.team]!.lead, m.team, i) : schoolSide(m.org, i);
      const action = r !== 19 || !own ? 'meeting.read' : m.status === 'held' ? 'meeting.outcome' : 'meeting.schedule';
      e = { action, targetType: 'meeting', targetId: m.id, caseId: caseOfMeeting.get(m.id) ?? null };
    } else if (r < 10) {
      const t = pick(teamPeople);
      actor = rnd() < 0.6 ? teamSide(pick(t.workers), t.index, i) : schoolSide(directory.orgs[pick(plan.placesOfTeam(t.index))]!, i);
      e = { action: 'meeting.list', targetType: 'list', targetId: actor.person.id, caseId: null };
    } else if (r < 17) {
      const c = pick(cases);
      actor = teamSide(pick(c.workers), teamIndex.get(c.teamId)!, i);
      const action = r < 14 ? 'case.read' : r === 14 ? 'consent.list' : r === 15 ? 'feedback.read' : 'case.audit_read';
      e = { action, targetType: 'case', targetId: c.id, caseId: c.id };
    } else {
      const t = pick(teamPeople);
      actor = teamSide(r === 18 ? t.lead : pick(t.workers), t.index, i);
      e = { action: r === 18 ? 'case.continuity_overrides' : 'case.list', targetType: 'list', targetId: r === 18 ? t.id : actor.person.id, caseId: null };
    }
    return {
      at,
      actorId: actor.person.id,
      actorName: actor.person.name,
      actorRole: actor.person.role,
      organisationId: actor.organisationId,
      organisationName: actor.organisationName,
      ...e,
      address: actor.address,
    };
  }

  // Spread over the working days before today, 07:30–17:00, in the order of the ids.
  const mornings = calendar.days.filter((d) => d < calendar.today).map((d) => calendar.at(d, '07:30').getTime());
  const when = (i: number): Date => {
    if (!mornings.length) return new Date(calendar.now.getTime() - 3_600_000 + Math.floor((i * 3_600_000) / plan.auditRows));
    const position = (i * mornings.length) / plan.auditRows;
    const day = Math.floor(position);
    return new Date(mornings[day]! + Math.floor((position - day) * 9.5 * 3_600_000));
  };

  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('audit_log', 0))`);
  const [last] = rowsOf<{ hash: string }>(await tx.execute(sql`select hash from audit_log order by id desc limit 1`));
  let prev = last?.hash ?? auditChain.GENESIS;
  for (let start = 0; start < plan.auditRows; start += BATCH) {
    const facts: AuditFacts[] = [];
    for (let i = start; i < Math.min(start + BATCH, plan.auditRows); i++) facts.push(factsAt(i, when(i)));
    const chained = auditChain.chain(prev, facts);
    prev = chained.at(-1)!.hash;
    await insertRows(
      tx,
      'audit_log',
      COLUMNS,
      chained.map((f) => [f.at, f.actorId, f.actorName, f.actorRole, f.organisationId, f.organisationName, f.action, f.targetType, f.targetId, f.caseId, f.address, f.prevHash, f.hash]),
      { ordered: true },
    );
  }
  return { auditRows: plan.auditRows };
}
