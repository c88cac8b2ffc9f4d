import { describe, expect, test } from 'vitest';
import { users } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createOrganisation, createUser } from '../helpers/factories.ts';

const big = 'a'.repeat(100 * 1024);

describe('bad input never causes a 5xx or a write', () => {
  test.each([
    ['malformed JSON', { 'content-type': 'application/json' }, '{"email": '],
    ['an empty JSON body', { 'content-type': 'application/json' }, ''],
    ['wrong types', { 'content-type': 'application/json' }, JSON.stringify({ email: 42, password: ['x'] })],
    ['an unknown field', { 'content-type': 'application/json' }, JSON.stringify({ email: 'a@b.se', password: 'x', admin: true })],
    ['a 100 kB string', { 'content-type': 'application/json' }, JSON.stringify({ email: 'a@b.se', password: big })],
    ['a NUL byte', { 'content-type': 'application/json' }, JSON.stringify({ email: 'a\u0000@b.se', password: 'x' })],
    ['a JSON array', { 'content-type': 'application/json' }, '[]'],
    ['a text/plain body', { 'content-type': 'text/plain' }, 'email=a@b.se'],
    ['an odd content type', { 'content-type': 'application/x-evil' }, 'x'],
    ['a form body', { 'content-type': 'application/x-www-form-urlencoded' }, 'email=a%40b.se&password=x'],
  ])('%s to /api/auth/login gets a 4xx problem+json', async (_name, headers, payload) => {
    const { app, db } = await buildTestApp();
    const before = (await db.select().from(users)).length;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers, payload, remoteAddress: '10.200.0.1' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: res.statusCode, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
    expect(['invalid_request', 'invalid_credentials']).toContain(body.code);
    expect(res.body).not.toMatch(/at .*\.ts|node_modules|select |insert /i);
    expect((await db.select().from(users)).length).toBe(before);
  });

  test('validation errors name the offending fields in Swedish', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'inte-en-adress', password: '' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    expect(res.json().fields.find((f: { field: string }) => f.field === 'password').message).toBe('Skriv ditt lösenord.');
  });
});

// Found by the schema fuzzer (tests/integration/schema-fuzz.test.ts): each of these was a 500, or
// Fastify's English JSON repeating the path.
describe('input the database or the router cannot take is a Swedish 400, never a 500', () => {
  test('a path that is no valid percent-encoding', async () => {
    const { app } = await buildTestApp();
    for (const url of ['/api/slots/%zz', '/api/cases/%ED%A0%80/feedback', '/om/%E0%A4%A']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ code: 'invalid_request', detail: 'Adressen kunde inte tolkas.' });
      expect(res.body).not.toContain('%');
    }
  });

  test('a NUL (or half a UTF-16 pair) in a search, a person’s name or a cell of a staff list', async () => {
    const { app, db } = await buildTestApp();
    const school = await createOrganisation(db);
    const headers = await asUser(app, await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] }));
    const search = await app.inject({ method: 'GET', url: '/api/admin/users?q=Anna%00', headers });
    expect(search.statusCode, search.body).toBe(400);
    expect(search.json().fields).toEqual([{ field: 'querystring.q', message: 'Sökningen innehåller otillåtna tecken.' }]);
    const person = { name: 'Anna\u0000Berg', email: `anna-${school.id.slice(0, 8)}@test.example`, memberships: [{ organisationId: school.id, role: 'pedagogue' }] };
    const created = await app.inject({ method: 'POST', url: '/api/admin/users', headers, payload: person });
    expect(created.statusCode, created.body).toBe(400);
    expect(created.json().fields).toEqual([{ field: 'name', message: 'Namnet innehåller otillåtna tecken.' }]);
    // Half a UTF-16 pair is no character: it would be stored as U+FFFD, not as what was sent.
    const halfPair = await app.inject({ method: 'POST', url: '/api/admin/users', headers, payload: { ...person, name: 'Anna \ud800Berg' } });
    expect(halfPair.statusCode, halfPair.body).toBe(400);
    expect(halfPair.json().fields).toEqual([{ field: 'name', message: 'Namnet innehåller otillåtna tecken.' }]);
    const csv = `name,email,role,organisation\nAnna Berg,${person.email},pedagog,${school.name}\u0000`;
    const imported = await app.inject({ method: 'POST', url: '/api/admin/import?dryRun=true', headers: { ...headers, 'content-type': 'text/csv' }, payload: csv });
    expect(imported.statusCode, imported.body).toBe(400);
    expect(imported.json().detail).toBe('Rad 2 innehåller otillåtna tecken. Spara filen från Excel som "CSV UTF-8" och försök igen.');
  });
});

describe('the API surface', () => {
  test('health answers ok with the database reachable', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  test('an unknown /api path is a JSON 404 problem', async () => {
    const { app } = await buildTestApp();
    for (const method of ['GET', 'POST', 'DELETE'] as const) {
      const res = await app.inject({ method, url: '/api/finns-inte', headers: { 'content-type': 'application/json' }, payload: method === 'GET' ? undefined : '{}' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('not_found');
    }
  });

  test('the OpenAPI document describes every route with its schemas', async () => {
    const { app } = await buildTestApp();
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/health',
      '/api/auth/login',
      '/api/auth/logout',
      '/api/me',
      '/api/organisations',
      '/api/organisations/{id}/contacts',
      '/api/organisations/{id}/reach',
      '/api/teams/{teamId}/roster',
      '/api/teams/{teamId}/roster/{date}',
      '/api/teams/{teamId}/coverage',
      '/api/contact-assignments',
      '/api/me/absences',
      '/api/closed-days',
      '/api/cases/{id}/consents',
      '/api/consents/{id}/withdraw',
      '/api/consents/{id}/receipt',
      '/api/cases/{id}/feedback',
      '/api/feedback/{id}/acknowledge',
      '/api/cases/{id}/statutory-feedback',
      '/api/teams/{teamId}/statutory-feedback/pending',
      '/api/organisations/{id}/feedback',
      '/api/meeting-series',
      '/api/meeting-series/preview',
      '/api/meeting-series/{id}/cancel',
      '/api/organisations/{id}/school-periods',
      '/api/school-periods/{id}/booking-coverage',
      '/api/school-periods/{id}/reminders',
      '/api/me/reminders',
      '/api/me/photo',
      '/api/users/{id}/photo',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
    expect(Object.keys(doc.paths['/api/auth/login'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(Object.keys(doc.paths['/api/me/photo'].put.requestBody.content)).toEqual(['image/jpeg', 'image/png', 'image/webp']);
    expect(doc.paths['/api/finns-inte']).toBeUndefined();
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });

  test('API answers carry the baseline security headers', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
