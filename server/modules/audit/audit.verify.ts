import { checkChain, GENESIS, type ChainCheck } from './audit.models.ts';
import type { AuditRepository } from './audit.repository.ts';

const PAGE = 5000;

/** Walks the whole chain in pages and reports the first row where it breaks. */
export async function verifyAuditChain(repo: Pick<AuditRepository, 'page'>): Promise<ChainCheck> {
  let state: ChainCheck = { rows: 0, lastHash: GENESIS, broken: null };
  let afterId = 0;
  for (;;) {
    const rows = await repo.page(afterId, PAGE);
    if (rows.length === 0) return state;
    state = checkChain(rows, state);
    if (state.broken) return state;
    afterId = rows[rows.length - 1]!.id;
  }
}

/** The verifier's verdict in plain Swedish, and whether the chain is whole. */
export function describeCheck(result: ChainCheck): { whole: boolean; text: string } {
  if (!result.broken) return { whole: true, text: `Granskningsloggen är hel: ${result.rows} rader, kedjan stämmer.` };
  const { id, at, problem } = result.broken;
  const why = problem === 'changed' ? 'raden har ändrats efter att den skrevs' : 'raden pekar inte på raden före den (en tidigare rad har tagits bort eller ändrats)';
  return { whole: false, text: `Granskningsloggen är bruten vid rad ${id} (${at.toISOString()}): ${why}. ${result.rows} rader före den stämmer.` };
}
