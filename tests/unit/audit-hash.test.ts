import { describe, expect, test } from 'vitest';
import { auditLog } from '../../db/schema/index.ts';
import { auditFacts, chain, checkChain, GENESIS, hashOf, listViewFacts, type AuditFacts } from '../../server/modules/audit/audit.models.ts';

const facts: AuditFacts = {
  at: new Date('2026-03-02T09:00:00.123Z'),
  actorId: '00000000-0000-4000-8000-000000000001',
  actorName: 'Anna Berg',
  actorRole: 'social_worker',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationName: 'Vällingbyteamet',
  action: 'case.read',
  targetType: 'case',
  targetId: '00000000-0000-4000-8000-000000000003',
  caseId: '00000000-0000-4000-8000-000000000003',
  address: '10.0.0.1',
};

// Another value for each column: an edit an attacker with the database might make.
const edits: { [K in keyof AuditFacts]: AuditFacts[K] } = {
  at: new Date('2026-03-02T09:00:00.124Z'),
  actorId: '00000000-0000-4000-8000-000000000009',
  actorName: 'Någon annan',
  actorRole: 'team_lead',
  organisationId: null,
  organisationName: 'Ett annat team',
  action: 'case.open',
  targetType: 'meeting',
  targetId: '00000000-0000-4000-8000-000000000008',
  caseId: null,
  address: null,
};

describe('every column of an audit row is inside its hash', () => {
  test('the facts name every column of the table except id and the two hashes', () => {
    const columns = Object.keys(auditLog).filter((k) => !['id', 'prevHash', 'hash', 'enableRLS'].includes(k) && !k.startsWith('_'));
    expect(Object.keys(edits).sort()).toEqual(columns.sort());
  });

  test.each(Object.keys(edits) as (keyof AuditFacts)[])('changing %s changes the hash, and the check says the row was changed', (column) => {
    const [row] = chain(GENESIS, [facts]).map((r) => ({ ...r, id: 1 }));
    const edited = { ...row!, [column]: edits[column] };
    expect(hashOf(GENESIS, edited)).not.toBe(row!.hash);
    expect(checkChain([edited]).broken).toMatchObject({ id: 1, problem: 'changed' });
  });

  test('the previous row’s hash is inside it too: a removed row breaks the next link', () => {
    const rows = chain(GENESIS, [facts, { ...facts, action: 'case.list' }, { ...facts, action: 'case.open' }]).map((r, i) => ({ ...r, id: i + 1 }));
    expect(checkChain(rows)).toMatchObject({ rows: 3, broken: null });
    expect(checkChain([rows[0]!, rows[2]!]).broken).toMatchObject({ id: 3, problem: 'link' });
  });
});

describe('who did it, as the audit row says', () => {
  const at = new Date('2026-03-02T09:00:00Z');
  const actor = {
    userId: 'u1',
    name: 'Rut Rektor',
    address: '10.1.2.3',
    memberships: [
      { organisationId: null, organisationName: null, role: 'admin' },
      { organisationId: 'other-school', organisationName: 'Grimstaskolan', role: 'pedagogue' },
      { organisationId: 'school', organisationName: 'Vällingbyskolan', role: 'principal' },
    ],
  };

  test('the membership that gave access is the one among the organisations involved', () => {
    expect(auditFacts(actor, { action: 'meeting.read', targetType: 'meeting', targetId: 'm1', caseId: 'c1', organisationIds: ['team', 'school', null] }, at)).toEqual({
      at,
      actorId: 'u1',
      actorName: 'Rut Rektor',
      actorRole: 'principal',
      organisationId: 'school',
      organisationName: 'Vällingbyskolan',
      action: 'meeting.read',
      targetType: 'meeting',
      targetId: 'm1',
      caseId: 'c1',
      address: '10.1.2.3',
    });
  });

  test('with none of them involved, the first membership; without any, no role; no case and no address are null', () => {
    expect(auditFacts(actor, { action: 'x', targetType: 'case', targetId: 't', organisationIds: ['elsewhere'] }, at)).toMatchObject({ actorRole: 'admin', organisationId: null, caseId: null });
    expect(auditFacts({ userId: 'u2', name: 'N', memberships: [] }, { action: 'x', targetType: 'case', targetId: 't', organisationIds: [] }, at)).toMatchObject({
      actorRole: null,
      organisationId: null,
      organisationName: null,
      address: null,
    });
  });

  test('a list view is one row about the list, with no case', () => {
    expect(listViewFacts(actor, 'case.list', 'team', ['school'], at)).toMatchObject({ action: 'case.list', targetType: 'list', targetId: 'team', caseId: null, actorRole: 'principal' });
  });
});

describe('a name with half a UTF-16 pair', () => {
  test('hashes as the database stores it (U+FFFD), so the row is not read as edited', () => {
    const odd = { ...facts, actorName: 'Anna \ud800Berg', organisationName: 'Team \udc00' };
    const asStored = { ...facts, actorName: 'Anna \ufffdBerg', organisationName: 'Team \ufffd' };
    expect(hashOf(GENESIS, odd)).toBe(hashOf(GENESIS, asStored));
    // A whole pair is one character and stays itself.
    expect(hashOf(GENESIS, { ...facts, actorName: 'Anna 😀' })).not.toBe(hashOf(GENESIS, { ...facts, actorName: 'Anna \ufffd' }));
  });
});

describe('an id written in capitals', () => {
  test('hashes as the database stores a uuid (lower case), so the row is not read as edited', () => {
    const upper = { ...facts, targetId: facts.targetId.toUpperCase().replace('0000-4000', 'ABCD-4000'), caseId: facts.caseId!.toUpperCase() };
    const lower = { ...upper, targetId: upper.targetId.toLowerCase(), caseId: upper.caseId.toLowerCase() };
    expect(hashOf(GENESIS, upper)).toBe(hashOf(GENESIS, lower));
  });
});
