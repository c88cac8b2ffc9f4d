import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { sv } from '../../web/src/lib/messages/sv.ts';

const root = path.resolve(import.meta.dirname, '..', '..', 'web', 'src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|svelte)$/.test(n) ? [p] : [];
  });

// TypeScript checks keys in .ts files, but not inside .svelte markup: a missing key would only
// show as a broken page. Keys built at run time (`reach.kind.${kind}`) are checked by prefix.
test('every message key the web app uses exists in the Swedish catalogue', () => {
  const missing: string[] = [];
  for (const file of files(root)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*[`'"]([a-zA-Z0-9_.]+)(\$\{)?/g)) {
      const key = m[1]!;
      const ok = m[2] ? Object.keys(sv).some((k) => k.startsWith(key)) : key in sv;
      if (!ok) missing.push(`${path.relative(root, file)}: ${key}`);
    }
  }
  expect(missing).toEqual([]);
});
