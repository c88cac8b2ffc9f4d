import { describe, expect, test } from 'vitest';
import { FREE_TEXT } from '../../server/contracts/text.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// Every string a request may carry is one of: guarded free text (freeText()), an enum, an id, a
// date or time, an e-mail address, or a number-like value whose pattern admits no letters (a
// phone number, "08:30"). Anything else is a free text that skipped the anonymity guard.
const EXEMPT = new Map([
  ['POST /api/auth/login body.password', 'a password is never stored or shown'],
  ['POST /api/auth/set-password body.password', 'a password is stored only as its argon2id hash'],
  ['POST /api/admin/users body.name', 'a member of staff’s own name, as colleagues see it (API.md: names are not guarded)'],
  ['GET /api/admin/users query.q', 'the administrator’s search for a name or address: never stored'],
  ['POST /api/auth/set-password body.token', 'a one-time link’s secret: compared by its hash, never stored or shown'],
  ['POST /api/anonymity/check body.text', 'the guard itself: it answers what it found and keeps nothing'],
  ['POST /api/auth/mfa body.mfaToken', 'the signed five-minute token of a right password (letters, digits, dots): verified, never stored'],
  ['POST /api/auth/mfa/enrol body.mfaToken', 'the signed five-minute token of a right password (letters, digits, dots): verified, never stored'],
  ['POST /api/auth/mfa body.code', 'a one-time code (digits, or letters and digits with a dash): checked against the app or a hash, never stored'],
  ['POST /api/me/mfa/confirm body.code', 'a one-time code: checked against the app, never stored'],
  ['POST /api/me/mfa/recovery-codes body.code', 'a one-time code: checked against the app, never stored'],
  ['POST /api/me/mfa/disable body.code', 'a one-time code: checked against the app, never stored'],
  ['GET /api/auth/oidc/login query.next', 'the path to return to after the city sign-in: only a path on this site is followed, kept in a signed cookie for ten minutes'],
  ['POST /api/slots/{id}/bookings header.idempotency-key', 'a client’s retry key (letters, digits, - and _): stored only as its SHA-256 for a day, never shown'],
  ['POST /api/meetings header.idempotency-key', 'a client’s retry key (letters, digits, - and _): stored only as its SHA-256 for a day, never shown'],
  ['POST /api/cases header.idempotency-key', 'a client’s retry key (letters, digits, - and _): stored only as its SHA-256 for a day, never shown'],
  ['POST /api/cases/{id}/consents header.idempotency-key', 'a client’s retry key (letters, digits, - and _): stored only as its SHA-256 for a day, never shown'],
  ['POST /api/cases/{id}/feedback header.idempotency-key', 'a client’s retry key (letters, digits, - and _): stored only as its SHA-256 for a day, never shown'],
  ['GET /api/calendar/{token} path.token', 'a calendar feed’s secret key (43 URL-safe characters): compared by its hash, never stored or shown'],
]);

type Schema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  [FREE_TEXT]?: boolean;
};
type Operation = { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Field = { route: string; method: string; where: 'body' | 'query' | 'path'; path: string[]; schema: Schema };

const numberLike = (pattern: string) => !/[a-zA-Z]-|\\[wWpPsS]|\.(?![^[]*\])|\[\^/.test(pattern.replace(/\\d/g, ''));
function kindOf(s: Schema): string | null {
  if (s[FREE_TEXT]) return 'free text';
  if (s.enum) return 'enum';
  if (s.format && ['uuid', 'date', 'date-time', 'email'].includes(s.format)) return s.format;
  if (s.pattern && numberLike(s.pattern)) return 'number-like';
  return null;
}

describe('no string in a request skips the anonymity guard', async () => {
  const { app, db } = await buildTestApp();
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const resolve = (s: Schema) => (s.$ref ? doc.components!.schemas![s.$ref.split('/').at(-1)!]! : s);
  const fields: Field[] = [];
  function walk(raw: Schema | undefined, at: Omit<Field, 'schema'>) {
    if (!raw) return;
    const s = resolve(raw);
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, at);
    for (const [name, sub] of Object.entries(s.properties ?? {})) walk(sub, { ...at, path: [...at.path, name] });
    if (s.type === 'array') walk(s.items, { ...at, path: [...at.path, '0'] });
    if (s.type === 'string') fields.push({ ...at, schema: s });
  }
  for (const [route, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) walk(p.schema, { route, method: method.toUpperCase(), where: p.in as Field['where'], path: [p.name] });
      walk(op.requestBody?.content['application/json']?.schema, { route, method: method.toUpperCase(), where: 'body', path: [] });
    }
  }
  const name = (f: Field) => `${f.method} ${f.route} ${f.where}.${f.path.join('.')}`;
  const freeTexts = fields.filter((f) => kindOf(f.schema) === 'free text');

  test('the walk sees the request strings of the whole API', () => {
    expect(fields.length).toBeGreaterThan(100);
    // Notes, labels, reasons, locations, period and closed-day names, titles, feedback …
    expect(freeTexts.length).toBeGreaterThanOrEqual(20);
  });

  test('every request string is guarded free text or cannot hold free text', () => {
    const unguarded = fields.filter((f) => !kindOf(f.schema) && !EXEMPT.has(name(f))).map(name);
    expect(unguarded).toEqual([]);
  });

  test.each(freeTexts.map((f) => [name(f), f] as const))('%s refuses a phone number, in Swedish', async (_name, f) => {
    const district = await createDistrict(db);
    // A team lead who is also the administrator passes every route's gate (closed days are the administrator's).
    const lead = await createUser(db, { memberships: [{ organisationId: district.team.id, role: 'team_lead' }, { organisationId: null, role: 'admin' }] });
    const headers = await asUser(app, lead);
    const value = 'ring mamman på ０７０‑１２３ ４５ ６７';
    const url = f.route.replace(/\{\w+\}/g, district.team.id) + (f.where === 'query' ? `?${f.path[0]}=${encodeURIComponent(value)}` : '');
    let payload: unknown = value;
    for (const key of [...f.path].reverse()) payload = key === '0' ? [payload] : { [key]: payload };
    const res = await app.inject({ method: f.method as 'POST', url, headers, ...(f.where === 'body' ? { payload: payload as object } : {}) });
    // Only this field is filled in, so the answer may also name missing fields (400); alone it is 422.
    expect([400, 422], res.body).toContain(res.statusCode);
    if (res.statusCode === 422) expect(res.json().code).toBe('identifying_data');
    const field = (res.json().fields as { field: string; message: string }[]).find((x) => x.field === f.path.join('.'));
    expect(field?.message, res.body).toBe('Texten ser ut att innehålla ett telefonnummer. Skriv om utan uppgifter som kan identifiera barnet.');
    expect(res.body).not.toContain('070');
  });
});
