import { describe, expect, test } from 'vitest';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';

// Dates far outside the calendar: year 0, year 9999, and the string that 9999-12-31 plus one day
// became ("+010000-01"), which sorted before it and made a day loop run until memory ran out.
const BAD_DATES = ['0000-01-01', '9999-12-31', '+010000-01-01', '1999-12-31', '2101-01-01'];
const BAD_MONTHS = ['0000-01', '9999-12', '+010000-01', '2101-01'];
const BAD_INSTANTS = ['0000-01-01T10:00:00+01:00', '9999-12-31T23:00:00+01:00', '+010000-01-01T00:00:00Z'];

type Schema = { type?: string; format?: string; pattern?: string; properties?: Record<string, Schema>; anyOf?: Schema[] };
type Operation = { parameters?: { in: string; name: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } };
type Kind = 'date' | 'month' | 'instant';

function kindOf(s: Schema | undefined): Kind | null {
  if (!s) return null;
  if (s.anyOf) return s.anyOf.map(kindOf).find(Boolean) ?? null;
  if (s.format === 'date') return 'date';
  if (s.format === 'date-time') return 'instant';
  if (s.pattern?.startsWith('^\\d{4}-(0[1-9]|1[0-2])$')) return 'month';
  return null;
}
const badValues = (kind: Kind) => (kind === 'date' ? BAD_DATES : kind === 'month' ? BAD_MONTHS : BAD_INSTANTS);

describe('every date, month and instant the API takes is bounded to 2000–2100', async () => {
  const { app, db } = await buildTestApp();
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
  const cases: { route: string; method: string; where: string; field: string; kind: Kind }[] = [];
  for (const [route, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) {
        const kind = kindOf(p.schema);
        if (kind) cases.push({ route, method, where: p.in, field: p.name, kind });
      }
      const body = op.requestBody?.content['application/json']?.schema;
      for (const [field, s] of Object.entries(body?.properties ?? {})) {
        const kind = kindOf(s);
        if (kind) cases.push({ route, method, where: 'body', field, kind });
      }
    }
  }

  test('the document names the dates it takes, so this walk sees them all', () => {
    // Roster month and day, slot and meeting series, meetings, absences, terms, consents, reach …
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  test.each(cases.map((c) => [`${c.method.toUpperCase()} ${c.route} ${c.where} ${c.field}`, c] as const))('%s', async (_name, c) => {
    const district = await createDistrict(db);
    // A team lead who is also the administrator passes every route's gate (closed days are the administrator's).
    const lead = await createUser(db, { memberships: [{ organisationId: district.team.id, role: 'team_lead' }, { organisationId: null, role: 'admin' }] });
    const headers = await asUser(app, lead);
    for (const bad of badValues(c.kind)) {
      let url = c.route.replace(/\{(\w+)\}/g, (_m, name: string) => (c.where === 'path' && name === c.field ? encodeURIComponent(bad) : district.team.id));
      if (c.where === 'query') url += `?${c.field}=${encodeURIComponent(bad)}`;
      const res = await app.inject({ method: c.method.toUpperCase() as 'GET', url, headers, ...(c.where === 'body' ? { payload: { [c.field]: bad } } : {}) });
      expect(res.statusCode, `${bad}: ${res.body}`).toBe(400);
      const fields = (res.json().fields ?? []) as { field: string; message: string }[];
      expect(fields.find((f) => f.field === c.field || f.field.endsWith(`.${c.field}`))?.message ?? '', bad).toMatch(/^(Ange (datumet|månaden|tiden)|(Datumet|Månaden) måste ligga mellan år 2000 och 2100)/);
    }
    const started = performance.now();
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(100);
  });
});
