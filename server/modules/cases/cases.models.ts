/** One change of the case's workers as stored: each list has the responsible worker first. */
type Change = { at: Date; before: readonly string[]; after: readonly string[] };
export type Period = { userId: string; responsible: boolean; from: string; until: string | null };

/**
 * Who worked with the family, over time: one period per person and part (responsible or
 * co-worker), from the case's start through every change of its workers. `dayOf` gives the
 * Stockholm date of an instant. A handover is a change of the responsible worker.
 */
export function workerPeriods(createdAt: Date, current: readonly string[], changes: readonly Change[], dayOf: (at: Date) => string): Period[] {
  const keyOf = (list: readonly string[]) => new Map(list.map((userId, i) => [`${userId} ${i === 0}`, { userId, responsible: i === 0 }]));
  const done: Period[] = [];
  let open = new Map<string, Period>();
  const enter = (list: readonly string[], at: Date) => {
    const next = keyOf(list);
    for (const [key, p] of open) if (!next.has(key)) done.push({ ...p, until: dayOf(at) });
    const kept = new Map<string, Period>();
    for (const [key, who] of next) kept.set(key, open.get(key) ?? { ...who, from: dayOf(at), until: null });
    open = kept;
  };
  enter(changes[0]?.before ?? current, createdAt);
  for (const change of changes) enter(change.after, change.at);
  return [...done, ...open.values()].sort((a, b) => a.from.localeCompare(b.from) || Number(b.responsible) - Number(a.responsible));
}
