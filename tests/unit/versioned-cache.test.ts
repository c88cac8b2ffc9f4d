import { describe, expect, test } from 'vitest';
import { versionedCache } from '../../server/lib/versioned-cache.ts';

function counter() {
  let reads = 0;
  return { load: async () => `read ${++reads}`, reads: () => reads };
}

describe('versionedCache', () => {
  test('one read per key while the version stands; a newer version reads again', async () => {
    const cache = versionedCache<string>();
    const source = counter();
    expect(await cache.get(5, 'a', source.load)).toBe('read 1');
    expect(await cache.get(5, 'a', source.load)).toBe('read 1');
    expect(await cache.get(6, 'a', source.load)).toBe('read 2');
    expect(source.reads()).toBe(2);
  });

  test('a request that saw an older version, or none, reads fresh and changes nothing kept', async () => {
    const cache = versionedCache<string>();
    const source = counter();
    await cache.get(7, 'a', source.load);
    expect(await cache.get(6, 'a', source.load)).toBe('read 2');
    expect(await cache.get(undefined, 'a', source.load)).toBe('read 3');
    expect(await cache.get(7, 'a', source.load)).toBe('read 1');
  });

  test('concurrent misses share one read, and a failed read is not kept', async () => {
    const cache = versionedCache<string>();
    const source = counter();
    const answers = await Promise.all([cache.get(1, 'a', source.load), cache.get(1, 'a', source.load), cache.get(1, 'a', source.load)]);
    expect(answers).toEqual(['read 1', 'read 1', 'read 1']);
    await expect(cache.get(1, 'b', () => Promise.reject(new Error('databasen svarar inte')))).rejects.toThrow('databasen');
    expect(await cache.get(1, 'b', source.load)).toBe('read 2');
  });

  test('holds at most the given number of keys, dropping the oldest', async () => {
    const cache = versionedCache<string>(2);
    const source = counter();
    await cache.get(1, 'a', source.load);
    await cache.get(1, 'b', source.load);
    await cache.get(1, 'c', source.load);
    expect(await cache.get(1, 'b', source.load)).toBe('read 2');
    expect(await cache.get(1, 'a', source.load)).toBe('read 4');
  });
});

describe('versionedCache, one version per key', () => {
  test('a newer version for one key reads that key again and keeps every other', async () => {
    const cache = versionedCache<string>();
    const source = counter();
    await cache.get(5, 'team A', source.load);
    await cache.get(9, 'team B', source.load);
    expect(await cache.get(6, 'team A', source.load)).toBe('read 3');
    expect(await cache.get(9, 'team B', source.load)).toBe('read 2');
    expect(source.reads()).toBe(3);
  });

  test('lookup takes the version from the answer (its team), and keeps nothing when there is none', async () => {
    const cache = versionedCache<{ team: string }>();
    let reads = 0;
    const load = async () => ({ team: `T${++reads}` });
    const seen: Record<string, number> = { T1: 4 };
    expect(await cache.lookup('org', (v) => seen[v.team], load)).toEqual({ team: 'T1' });
    expect(await cache.lookup('org', (v) => seen[v.team], load)).toEqual({ team: 'T1' });
    expect(reads).toBe(1);
    // Someone with no count for that team reads fresh and keeps nothing.
    expect(await cache.lookup('org', () => undefined, load)).toEqual({ team: 'T2' });
    expect(await cache.lookup('org', (v) => seen[v.team], load)).toEqual({ team: 'T1' });
    seen.T1 = 5;
    expect(await cache.lookup('org', (v) => seen[v.team], load)).toEqual({ team: 'T3' });
  });
});
