import { describe, expect, test } from 'vitest';
import { freshPglite } from '../helpers/db.ts';
import { chain, GENESIS, type AuditFacts, type ChainedRow } from '../../server/modules/audit/audit.models.ts';
import { createAuditRepository } from '../../server/modules/audit/audit.repository.ts';
import { describeCheck, parseAnchor, runAuditVerify, verifyAuditChain, type AuditAnchor } from '../../server/modules/audit/audit.verify.ts';

const caseNo = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const facts = (i: number): AuditFacts => ({
  at: new Date(Date.UTC(2026, 2, 2, 9, 0, i)),
  actorId: null,
  actorName: `Handläggare ${i % 7}`,
  actorRole: 'social_worker',
  organisationId: null,
  organisationName: 'Socialtjänsten Västerort',
  action: 'case.read',
  targetType: 'case',
  targetId: caseNo(i % 13),
  caseId: caseNo(i % 13),
  address: '127.0.0.1',
});

/** A log as the database holds it, read in pages by id as the repository does. */
const logOf = (rows: ChainedRow[]) => ({
  page: async (afterId: number, size: number) => rows.filter((r) => r.id > afterId).slice(0, size),
});
const chained = (n: number, from = GENESIS, firstId = 1): ChainedRow[] =>
  chain(from, Array.from({ length: n }, (_, i) => facts(firstId + i))).map((row, i) => ({ ...row, id: firstId + i }));
/** The anchor exactly as the verifier prints it, read back. */
const printedAnchor = (text: string): AuditAnchor => parseAnchor(/Nytt ankare att spara utanför databasen: (\S+)/.exec(text)![1]!)!;

describe('the audit log anchor', () => {
  test('a whole log prints its newest row as the next anchor, and a later run finds it unchanged across pages', async () => {
    const rows = chained(12_000);
    const first = describeCheck(await verifyAuditChain(logOf(rows.slice(0, 7_000))));
    expect(first.whole).toBe(true);
    const anchor = printedAnchor(first.text);
    expect(anchor).toEqual({ id: 7_000, hash: rows[6_999]!.hash });

    const later = describeCheck(await verifyAuditChain(logOf(rows), anchor));
    expect(later).toEqual({ whole: true, text: expect.stringContaining('12000 rader, kedjan stämmer. Ankaret (rad 7000) finns kvar oförändrat.') });
    expect(printedAnchor(later.text).id).toBe(12_000);
  });

  test('rows removed from the end pass the chain alone but not the anchor', async () => {
    const rows = chained(300);
    const anchor = { id: 300, hash: rows[299]!.hash };
    const truncated = rows.slice(0, 250);
    expect(describeCheck(await verifyAuditChain(logOf(truncated))).whole).toBe(true);
    const verdict = describeCheck(await verifyAuditChain(logOf(truncated), anchor));
    expect(verdict).toEqual({ whole: false, text: 'Granskningsloggen stämmer inte med ankaret: rad 300 finns inte längre (den senaste är nu rad 250). Rader i slutet av loggen har tagits bort.' });
    // Removed and written again with new rows after it: still not the anchored row.
    const later = chain(truncated[249]!.hash, Array.from({ length: 100 }, (_, i) => ({ ...facts(251 + i), at: new Date(Date.UTC(2026, 2, 3, 9, 0, i)) })));
    const refilled = [...truncated, ...later.map((row, i) => ({ ...row, id: 251 + i }))];
    expect(describeCheck(await verifyAuditChain(logOf(refilled), anchor)).text).toContain('rad 300 har en annan kontrollsumma');
  });

  test('a log rewritten from the start with a consistent chain passes the chain alone but not the anchor', async () => {
    const rows = chained(50);
    const anchor = { id: 40, hash: rows[39]!.hash };
    const rewritten = chain(GENESIS, rows.map((r, i) => (i === 10 ? { ...facts(r.id), actorName: 'Någon annan' } : facts(r.id)))).map((row, i) => ({ ...row, id: i + 1 }));
    expect(describeCheck(await verifyAuditChain(logOf(rewritten))).whole).toBe(true);
    expect(describeCheck(await verifyAuditChain(logOf(rewritten), anchor))).toEqual({
      whole: false,
      text: 'Granskningsloggen stämmer inte med ankaret: rad 40 har en annan kontrollsumma än den som sparades. Loggen har skrivits om fram till den raden.',
    });
  });

  test('a break in the chain is reported before the anchor is looked at', async () => {
    const rows = chained(20);
    const edited = rows.map((r) => (r.id === 5 ? { ...r, actorName: 'Någon annan' } : r));
    const verdict = describeCheck(await verifyAuditChain(logOf(edited), { id: 20, hash: rows[19]!.hash }));
    expect(verdict.whole).toBe(false);
    expect(verdict.text).toContain('bruten vid rad 5');
  });

  test.each(['', '12', '12:abc', `x:${'a'.repeat(64)}`, `12:${'g'.repeat(64)}`, `12:${'a'.repeat(63)}`])('"%s" is not an anchor', (text) => {
    expect(parseAnchor(text)).toBeNull();
  });
});

describe('npm run audit:verify with an anchor', () => {
  test('says in Swedish what it found: 0 for a whole log, 1 when rows were removed from the end, 2 for an anchor it cannot read', async () => {
    const handle = await freshPglite();
    try {
      const repo = createAuditRepository(handle.db);
      await repo.append(Array.from({ length: 5 }, (_, i) => facts(i + 1)));
      const whole = await runAuditVerify(repo, undefined);
      expect(whole.code).toBe(0);
      const anchor = printedAnchor(whole.text);
      expect(await runAuditVerify(repo, `${anchor.id}:${anchor.hash.toUpperCase()}`)).toEqual({ code: 0, text: expect.stringContaining('finns kvar oförändrat') });
      expect(await runAuditVerify(repo, `${anchor.id + 1}:${anchor.hash}`)).toEqual({ code: 1, text: expect.stringContaining(`rad ${anchor.id + 1} finns inte längre`) });
      expect(await runAuditVerify(repo, 'rad-5')).toEqual({ code: 2, text: expect.stringContaining('"rad-5" är inget ankare') });
    } finally {
      await handle.close();
    }
  });
});
