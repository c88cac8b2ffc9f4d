import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { accessTableMarkdown } from '../../server/lib/access-table.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

describe('every route declares who may call it', async () => {
  const { app, db } = await buildTestApp();
  const routes = app.accessTable.filter((e) => e.method !== 'HEAD' && e.url !== '/api/*');

  test('the declarations cover the whole API document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual(documented.sort());
  });

  test('a route without a declaration stops the app from starting', async () => {
    const fastify = (await import('fastify')).default;
    const bare = fastify();
    const session = (await import('../../server/plugins/session.ts')).default;
    await bare.register(session, { secret: 'x'.repeat(32), auth: {} as never, lifetimeSeconds: 60 });
    expect(() => bare.get('/api/undeclared', async () => 'hej')).toThrow('GET /api/undeclared declares no access (config.access)');
  });

  test('SECURITY.md prints exactly these declarations (npm run security:table rewrites it)', () => {
    const text = readFileSync(new URL('../../SECURITY.md', import.meta.url), 'utf8');
    expect(text).toContain(`<!-- access-table -->\n${accessTableMarkdown(app.accessTable)}\n<!-- /access-table -->`);
  });

  const gated = routes.filter((r) => Array.isArray(r.access));
  test.each(gated.map((r) => [`${r.method} ${r.url}`, r] as const))('%s: a signed-in pedagogue is 403 before anything is looked up', async (_name, r) => {
    const district = await createDistrict(db);
    const pedagogue = await createUser(db, { memberships: [{ organisationId: district.school.id, role: 'pedagogue' }] });
    const url = r.url.replace(/:\w+/g, crypto.randomUUID());
    const res = await app.inject({ method: r.method as 'GET', url, headers: await asUser(app, pedagogue), ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: { nonsense: true } }) });
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', detail: 'Din roll ger inte tillgång till det här.' });
  });
});
