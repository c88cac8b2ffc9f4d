import { checkChain, GENESIS, type ChainCheck } from './audit.models.ts';
import type { AuditRepository } from './audit.repository.ts';

const PAGE = 5000;

/**
 * A row's id and hash, written down outside the database (the registry, a signed mail). A chain
 * can only show that no row before its last was changed; the anchor also shows that no row up
 * to the anchor was removed from the end, and that the chain was not rewritten from the start.
 */
export type AuditAnchor = { id: number; hash: string };

export type AuditVerdict = ChainCheck & {
  /** The newest row, to be written down as the next anchor. */
  last: { id: number; at: Date; hash: string } | null;
  /** What became of the anchor given: still there unchanged, gone, or with another hash. */
  anchor: { id: number; found: 'kept' | 'missing' | 'changed' } | null;
};

/** "1234:<64 hex>", as the verifier prints it; null when the text is not an anchor. */
export function parseAnchor(text: string): AuditAnchor | null {
  const match = /^\s*(\d{1,15}):([0-9a-f]{64})\s*$/i.exec(text);
  return match ? { id: Number(match[1]), hash: match[2]!.toLowerCase() } : null;
}

/** Walks the whole chain in pages, reports the first row where it breaks, and checks the anchor. */
export async function verifyAuditChain(repo: Pick<AuditRepository, 'page'>, anchor?: AuditAnchor): Promise<AuditVerdict> {
  let state: ChainCheck = { rows: 0, lastHash: GENESIS, broken: null };
  let last: AuditVerdict['last'] = null;
  let found: 'kept' | 'changed' | undefined;
  let afterId = 0;
  for (;;) {
    const rows = await repo.page(afterId, PAGE);
    if (rows.length === 0) return { ...state, last, anchor: anchor ? { id: anchor.id, found: found ?? 'missing' } : null };
    state = checkChain(rows, state);
    if (state.broken) return { ...state, last, anchor: null };
    const atAnchor = anchor && rows.find((r) => r.id === anchor.id);
    if (atAnchor) found = atAnchor.hash === anchor.hash ? 'kept' : 'changed';
    const newest = rows[rows.length - 1]!;
    last = { id: newest.id, at: newest.at, hash: newest.hash };
    afterId = newest.id;
  }
}

/** The verifier's verdict in plain Swedish, and whether the log is whole. */
export function describeCheck(result: AuditVerdict): { whole: boolean; text: string } {
  const { anchor } = result;
  if (result.broken) {
    const { id, at, problem } = result.broken;
    const why = problem === 'changed' ? 'raden har ändrats efter att den skrevs' : 'raden pekar inte på raden före den (en tidigare rad har tagits bort eller ändrats)';
    return { whole: false, text: `Granskningsloggen är bruten vid rad ${id} (${at.toISOString()}): ${why}. ${result.rows} rader före den stämmer.` };
  }
  if (anchor?.found === 'missing') {
    const now = result.last ? `den senaste är nu rad ${result.last.id}` : 'loggen är tom';
    return { whole: false, text: `Granskningsloggen stämmer inte med ankaret: rad ${anchor.id} finns inte längre (${now}). Rader i slutet av loggen har tagits bort.` };
  }
  if (anchor?.found === 'changed') {
    return { whole: false, text: `Granskningsloggen stämmer inte med ankaret: rad ${anchor.id} har en annan kontrollsumma än den som sparades. Loggen har skrivits om fram till den raden.` };
  }
  const kept = anchor ? ` Ankaret (rad ${anchor.id}) finns kvar oförändrat.` : '';
  const next = result.last ? `\nNytt ankare att spara utanför databasen: ${result.last.id}:${result.last.hash} (rad ${result.last.id}, ${result.last.at.toISOString()}).` : '';
  return { whole: true, text: `Granskningsloggen är hel: ${result.rows} rader, kedjan stämmer.${kept}${next}` };
}

export const unreadableAnchor = (given: string) =>
  `"${given}" är inget ankare. Ge det som verifieringen skrev ut: radens nummer, kolon och kontrollsumman (64 tecken 0–9 och a–f).`;

/**
 * `npm run audit:verify [anchor]`: 0 when the log is whole (and holds the anchor unchanged),
 * 1 when it is not, 2 when the anchor given cannot be read (then nothing is checked).
 */
export async function runAuditVerify(repo: Pick<AuditRepository, 'page'>, given: string | undefined): Promise<{ code: 0 | 1 | 2; text: string }> {
  const anchor = given ? parseAnchor(given) : undefined;
  if (anchor === null) return { code: 2, text: unreadableAnchor(given!) };
  const { whole, text } = describeCheck(await verifyAuditChain(repo, anchor));
  return { code: whole ? 0 : 1, text };
}
