import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { modules } from '../../server/modules/index.ts';
import { buildServices, defineModule, type ModuleDeps } from '../../server/modules/registry.ts';

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

  test('server/contracts is pure: no node:, no database, no fastify, nothing else of ours (zod, and Luxon for time)', () => {
    expect(
      violations('server/contracts', (i) => ['zod', 'luxon', 'lru-cache'].includes(i) || i.startsWith('server/contracts/')),
    ).toEqual([]);
  });

  test('services never reach for a global database: they get repositories injected', () => {
    const services = filesUnder('server/modules').filter((f) => f.endsWith('.service.ts'));
    expect(services.length).toBeGreaterThan(0);
    expect(services.flatMap((f) => importsOf(f).filter((i) => i.startsWith('db/') && !i.endsWith('client.ts')).map((i) => `${f} → ${i}`))).toEqual([]);
  });

  test('Stockholm time lives in one place: only server/contracts/time.ts uses Luxon or formats dates with Intl', () => {
    const elsewhere = [...filesUnder('server'), ...filesUnder('web/src'), ...filesUnder('db')]
      .filter((f) => f !== 'server/contracts/time.ts')
      .filter((f) => importsOf(f).includes('luxon') || /Intl\.DateTimeFormat|toLocale(Date|Time)?String/.test(readFileSync(path.join(root, f), 'utf8')));
    expect(elsewhere).toEqual([]);
  });

  test('row-level security is entered in one place: only db/tenancy.ts sets the role and the tenancy', () => {
    const elsewhere = [...filesUnder('server'), ...filesUnder('db')].filter((f) => f !== 'db/tenancy.ts' && /set local role|set_config\('app\./.test(readFileSync(path.join(root, f), 'utf8')));
    expect(elsewhere).toEqual([]);
  });

  test('services are plain closures: no service reaches its siblings through `this`', () => {
    const services = filesUnder('server/modules').filter((f) => /\.(service|requests|scheduling|outcome|access)\.ts$/.test(f));
    expect(services.filter((f) => /\bthis\./.test(readFileSync(path.join(root, f), 'utf8')))).toEqual([]);
  });

  test('files stay small: none of ours passes 300 lines (the message catalogues excepted)', () => {
    const long = [...filesUnder('server'), ...filesUnder('db'), ...filesUnder('web/src')]
      .filter((f) => !f.startsWith('web/src/lib/messages/'))
      .filter((f) => readFileSync(path.join(root, f), 'utf8').split('\n').length > 300);
    expect(long).toEqual([]);
  });

  test('no hidden state: no module-level `let`, and a module-level collection is read-only or a bounded memo', () => {
    // SSR and the API serve every user from one process: state at module level is shared by all.
    // A memo of a pure function (LRUCache, bounded and named) is allowed; a mutable Map is not.
    const hidden = [...filesUnder('server'), ...filesUnder('db'), ...filesUnder('web/src')]
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) =>
        readFileSync(path.join(root, f), 'utf8')
          .split('\n')
          .filter((line) => /^(export )?let /.test(line) || /^(export )?const \w+ = new (Weak)?(Map|Set)\b/.test(line))
          .map((line) => `${f}: ${line}`),
      );
    expect(hidden).toEqual([]);
  });

  test('the web speaks the contract: it parses API answers with the shared schemas, never casts them', () => {
    const casts = filesUnder('web/src').filter((f) => /\.data as |json\(\)\) as /.test(readFileSync(path.join(root, f), 'utf8')));
    expect(casts).toEqual([]);
  });

  test('the checker itself sees a forbidden import', () => {
    const fake = importsOf('tests/unit/architecture.test.ts');
    expect(fake).toContain('node:fs');
  });
});

describe('each module registers itself (ARCHITECTURE.md rule 16)', () => {
  const folders = readdirSync(path.join(root, 'server/modules')).filter((n) => statSync(path.join(root, 'server/modules', n)).isDirectory());
  const featureFolders = folders.filter((f) => readdirSync(path.join(root, 'server/modules', f)).some((n) => /\.(routes|service)\.ts$/.test(n)));

  test('every folder with routes or a service has its <name>.module.ts, named after the folder', () => {
    expect(featureFolders.filter((f) => !statSync(path.join(root, 'server/modules', f, `${f}.module.ts`), { throwIfNoEntry: false }))).toEqual([]);
    expect(modules.map((m) => m.name).sort()).toEqual([...featureFolders].sort());
  });

  test('the module list names each module once', () => {
    const names = modules.map((m) => m.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  test('only the module list imports a module entry, and only its own folder imports a module\'s routes', () => {
    const entries = filesUnder('server').flatMap((f) => importsOf(f).filter((i) => i.endsWith('.module.ts')).map((i) => `${f} → ${i}`));
    expect(entries.filter((e) => !e.startsWith('server/modules/index.ts → '))).toEqual([]);
    const routes = [...filesUnder('server'), ...filesUnder('web/src')].flatMap((f) =>
      importsOf(f).filter((i) => i.endsWith('.routes.ts') && path.dirname(i) !== path.dirname(f)).map((i) => `${f} → ${i}`),
    );
    expect(routes).toEqual([]);
  });

  test('app.ts wires no feature by hand: of server/modules it imports only the list and the registry', () => {
    expect(importsOf('server/app.ts').filter((i) => i.startsWith('server/modules/'))).toEqual(['server/modules/index.ts', 'server/modules/registry.ts']);
  });

  const deps = {} as ModuleDeps;
  test('a module that uses a service no module above it provides stops the start, naming both', async () => {
    const early = defineModule({ name: 'early', services: (_deps, { contacts }) => ({ bookings: contacts as never }) });
    await expect(buildServices([early], deps)).rejects.toThrow('the module "early" uses the service "contacts", which no module listed before it provides');
  });

  test('two modules cannot provide the same service', async () => {
    const one = defineModule({ name: 'one', services: () => ({ health: { ping: async () => {} } }) });
    const two = defineModule({ name: 'two', services: () => ({ health: { ping: async () => {} } }) });
    await expect(buildServices([one, two], deps)).rejects.toThrow('the module "two" provides "health" again');
  });
});
