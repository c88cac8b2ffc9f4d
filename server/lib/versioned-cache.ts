/**
 * A read cache that is only trusted at one version of the data it was read from. The caller
 * passes the version its request saw (read with the session, so checking costs no round trip):
 * - the same version: the cached answer is as true as a fresh read;
 * - a newer one: something committed since, so everything cached is dropped;
 * - an older one (a request that started before the change): read fresh, keep nothing.
 * Concurrent misses for one key share one read. A failed read is not kept.
 */
export function versionedCache<T>(maxEntries = 1_000) {
  let version = -1;
  const entries = new Map<string, Promise<T>>();

  return {
    get(seen: number | undefined, key: string, load: () => Promise<T>): Promise<T> {
      if (seen === undefined || seen < version) return load();
      if (seen > version) {
        version = seen;
        entries.clear();
      }
      let entry = entries.get(key);
      if (!entry) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entry = load();
        entries.set(key, entry);
        const kept = entry;
        entry.catch(() => {
          if (entries.get(key) === kept) entries.delete(key);
        });
      }
      return entry;
    },
  };
}
