/**
 * Runs reads one after another and returns their results in order. A transaction's queries share
 * one connection, which answers one query at a time (the pg driver only queues overlapping ones,
 * and will refuse them from pg 9 on), so `Promise.all` inside a transaction buys nothing.
 */
export async function oneByOne<T extends readonly (() => Promise<unknown>)[]>(steps: T): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const step of steps) results.push(await step());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
