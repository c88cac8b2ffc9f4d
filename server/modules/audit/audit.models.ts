import { createHash } from 'node:crypto';

/** The hash the first row links to. */
export const GENESIS = '0'.repeat(64);

/** What one audit row says: who (role and organisation), did what, to what, when, from where. */
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

export type ChainedRow = AuditFacts & { id: number; prevHash: string; hash: string };

/** A row's hash covers its facts and the previous row's hash: change or remove one and every later link breaks. */
export function hashOf(prevHash: string, f: AuditFacts): string {
  // Hashed as the database will store it, or the row reads as edited on verification: a uuid in
  // lower case whatever case the request wrote it in, and a lone UTF-16 surrogate (no character)
  // as U+FFFD, as UTF-8 has it.
  const stored = (s: string | null) => s?.replace(/\p{Cs}/gu, '\uFFFD') ?? null;
  const id = (s: string | null) => s?.toLowerCase() ?? null;
  const canonical = JSON.stringify([
    prevHash,
    f.at.toISOString(),
    id(f.actorId),
    stored(f.actorName),
    f.actorRole,
    id(f.organisationId),
    stored(f.organisationName),
    f.action,
    f.targetType,
    id(f.targetId),
    id(f.caseId),
    stored(f.address),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Links new rows onto the chain's last hash. */
export function chain(lastHash: string, facts: AuditFacts[]): (AuditFacts & { prevHash: string; hash: string })[] {
  let prev = lastHash;
  return facts.map((f) => {
    const hash = hashOf(prev, f);
    const row = { ...f, prevHash: prev, hash };
    prev = hash;
    return row;
  });
}

export type ChainBreak = { id: number; at: Date; problem: 'changed' | 'link' };
export type ChainCheck = { rows: number; lastHash: string; broken: ChainBreak | null };

/**
 * Checks rows in id order against the hash carried so far. `link`: the row does not point at the
 * one before it (a row before it was removed or changed); `changed`: its own facts were edited.
 */
export function checkChain(rows: Iterable<ChainedRow>, from: { lastHash: string; rows: number } = { lastHash: GENESIS, rows: 0 }): ChainCheck {
  let prev = from.lastHash;
  let count = from.rows;
  for (const row of rows) {
    if (row.prevHash !== prev) return { rows: count, lastHash: prev, broken: { id: row.id, at: row.at, problem: 'link' } };
    if (hashOf(row.prevHash, row) !== row.hash) return { rows: count, lastHash: prev, broken: { id: row.id, at: row.at, problem: 'changed' } };
    prev = row.hash;
    count += 1;
  }
  return { rows: count, lastHash: prev, broken: null };
}

type ActorLike = {
  userId: string;
  name: string;
  address?: string;
  memberships: { organisationId: string | null; organisationName: string | null; role: string }[];
};

/**
 * One audit row for an actor: the membership that gave access is the first one among the
 * organisations involved (the team for its workers, the school for its staff).
 */
export function auditFacts(
  actor: ActorLike,
  e: { action: string; targetType: 'meeting' | 'case' | 'consent' | 'feedback' | 'statutory_feedback' | 'list' | 'user' | 'organisation' | 'district'; targetId: string; caseId?: string | null; organisationIds: (string | null)[] },
  at: Date,
): AuditFacts {
  const as = actor.memberships.find((m) => m.organisationId !== null && e.organisationIds.includes(m.organisationId)) ?? actor.memberships[0];
  return {
    at,
    actorId: actor.userId,
    actorName: actor.name,
    actorRole: as?.role ?? null,
    organisationId: as?.organisationId ?? null,
    organisationName: as?.organisationName ?? null,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    caseId: e.caseId ?? null,
    address: actor.address ?? null,
  };
}

/**
 * One audit row for one view of a list that shows case or meeting labels: the list is the target
 * (the team's, the organisation's, or the person's own when `scopeId` is their id), not each of
 * its items, so paging through lists cannot flood the log and slow everyone's audited reads.
 */
export function listViewFacts(actor: ActorLike, action: string, scopeId: string, organisationIds: (string | null)[], at: Date): AuditFacts {
  return auditFacts(actor, { action, targetType: 'list', targetId: scopeId, caseId: null, organisationIds }, at);
}
