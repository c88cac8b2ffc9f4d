import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = path.join(dir, name);
    if (['node_modules', '.svelte-kit', 'build', 'migrations'].includes(name)) continue;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...filesUnder(rel));
    else if (/\.(ts|svelte)$/.test(name)) out.push(rel);
  }
  return out;
}

/** Every module a file imports, resolved to a path from the repository root where it is ours. */
function importsOf(file: string): string[] {
  const source = readFileSync(path.join(root, file), 'utf8');
  const specs = [...source.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
  return specs.map((s) => {
    if (s.startsWith('.')) return path.normalize(path.join(path.dirname(file), s));
    if (s.startsWith('#contracts/')) return path.join('server/contracts', s.slice('#contracts/'.length));
    if (s.startsWith('#lib/')) return path.join('web/src/lib', s.slice('#lib/'.length));
    return s;
  });
}

const violations = (dir: string, allowed: (imported: string) => boolean) =>
  filesUnder(dir).flatMap((f) => importsOf(f).filter((i) => !allowed(i)).map((i) => `${f} → ${i}`));

describe('dependency direction (ARCHITECTURE.md)', () => {
  test('web imports only server/contracts of the server, never its internals or db', () => {
    expect(violations('web/src', (i) => !(i.startsWith('server/') && !i.startsWith('server/contracts/')) && !i.startsWith('db/'))).toEqual([]);
  });

  test('db imports nothing from server or web', () => {
    expect(violations('db', (i) => !i.startsWith('server/') && !i.startsWith('web/'))).toEqual([]);
  });

  test('server/contracts is pure: no node:, no database, no fastify, nothing else of ours', () => {
    expect(
      violations('server/contracts', (i) => i === 'zod' || i.startsWith('server/contracts/')),
    ).toEqual([]);
  });

  test('services never reach for a global database: they get repositories injected', () => {
    const services = filesUnder('server/modules').filter((f) => f.endsWith('.service.ts'));
    expect(services.length).toBeGreaterThan(0);
    expect(services.flatMap((f) => importsOf(f).filter((i) => i.startsWith('db/') && !i.endsWith('client.ts')).map((i) => `${f} → ${i}`))).toEqual([]);
  });

  test('the checker itself sees a forbidden import', () => {
    const fake = importsOf('tests/unit/architecture.test.ts');
    expect(fake).toContain('node:fs');
  });
});
