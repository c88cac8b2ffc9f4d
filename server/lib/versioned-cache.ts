type Entry<T> = { value: Promise<T>; version?: number };

/**
 * A read cache whose every entry is trusted only at the version of the data it was read from.
 * The caller passes the version its request saw (read with the session, before the read, so
 * checking costs no round trip), per key: a team's change count for that team's data.
 * - the entry's version: the cached answer is as true as a fresh read;
 * - a newer one: something committed since, so the entry is read again and replaced;
 * - an older one (a request that started before the change) or none: read fresh, keep nothing.
 * Entries of other keys are untouched, so a change to one team keeps every other team's reads.
 * Concurrent misses for one key share one read. A failed read is not kept.
 */
export function versionedCache<T>(maxEntries = 1_000) {
  const entries = new Map<string, Entry<T>>();

  function fill(key: string, versionOf: (value: T) => number | undefined, load: () => Promise<T>): Promise<T> {
    if (!entries.has(key) && entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const entry: Entry<T> = { value: load() };
    entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.version = versionOf(value);
        if (entry.version === undefined && entries.get(key) === entry) entries.delete(key);
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry.value;
  }

  /** `versionOf` names the version the request saw for what the answer holds (it may look at the answer, e.g. for its team). */
  async function lookup(key: string, versionOf: (value: T) => number | undefined, load: () => Promise<T>): Promise<T> {
    const entry = entries.get(key);
    if (!entry) return fill(key, versionOf, load);
    let value: T;
    try {
      value = await entry.value;
    } catch {
      return entries.get(key) && entries.get(key) !== entry ? lookup(key, versionOf, load) : fill(key, versionOf, load);
    }
    const seen = versionOf(value);
    if (seen === undefined) return load();
    if (entry.version === seen) return value;
    if (entry.version !== undefined && seen < entry.version) return load();
    // Newer than what is kept: read again, unless another request already did.
    const now = entries.get(key);
    return now && now !== entry ? lookup(key, versionOf, load) : fill(key, versionOf, load);
  }

  return {
    /** An entry read at the version `seen` (undefined: read fresh and keep nothing). */
    get(seen: number | undefined, key: string, load: () => Promise<T>): Promise<T> {
      return seen === undefined ? load() : lookup(key, () => seen, load);
    },
    lookup,
  };
}
