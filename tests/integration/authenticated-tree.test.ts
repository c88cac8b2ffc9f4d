import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { buildTestApp } from '../helpers/app.ts';

// The only API routes anyone may call without a session.
// The calendar feed is public by design: its secret URL is the key (tests/integration/agenda.test.ts).
// Choosing a password with a one-time link, and asking for one, come before any session.
const PUBLIC = new Set(['GET /api/health', 'GET /api/about', 'POST /api/auth/login', 'POST /api/auth/password-reset', 'POST /api/auth/set-password', 'GET /api/auth/methods', 'GET /api/auth/oidc/login', 'GET /api/auth/oidc/callback', 'POST /api/auth/mfa', 'POST /api/auth/mfa/enrol', 'GET /api/calendar/{token}']);

describe('the /api tree authenticates once, before anything is looked up', async () => {
  const { app } = await buildTestApp();
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, unknown>> };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));

  test('the document lists the routes this walk calls', () => {
    expect(routes.length).toBeGreaterThan(60);
    for (const route of PUBLIC) expect(routes).toContain(route);
  });

  test.each(routes.filter((r) => !PUBLIC.has(r)))('%s without a session is 401, whatever the id and body', async (route) => {
    const [method, path] = route.split(' ') as [string, string];
    // An id that exists nowhere and a body that is not even valid: the answer must not depend on either.
    const url = path.replace(/\{\w+\}/g, randomUUID());
    const res = await app.inject({ method: method as 'GET', url, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: { nonsense: true } }) });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated', detail: 'Logga in för att fortsätta.' });
  });
});
