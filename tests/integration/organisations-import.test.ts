import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { districts, organisations, sections } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

async function setup() {
  const { app, db } = await buildTestApp();
  const tag = uniqueTag(6);
  const [district] = await db.insert(districts).values({ name: `Tensta ${tag}` }).returning();
  const [other] = await db.insert(districts).values({ name: `Kista ${tag}` }).returning();
  const admin = await createUser(db, { memberships: [{ organisationId: null, role: 'admin' }] });
  const stranger = await createUser(db, { memberships: [{ organisationId: null, role: 'district_admin', districtId: other!.id }] });
  const send = async (csv: string, dryRun: boolean, who = admin, districtId = district!.id) =>
    app.inject({ method: 'POST', url: `/api/admin/import/organisations?districtId=${districtId}&dryRun=${dryRun}`, headers: { ...(await asUser(app, who)), 'content-type': 'text/csv' }, payload: csv });
  const inDistrict = () => db.select().from(organisations).where(eq(organisations.districtId, district!.id));
  return { app, db, district: district!, tag, admin, stranger, send, inDistrict };
}

const GOOD = (tag: string) =>
  [
    '\ufeffnamn;typ;enhet;team;avdelningar',
    `Tenstaskolan ${tag};skola;;Tenstateamet ${tag};F–3|4–6|7–9`,
    `Förskolan Sländan ${tag};förskola;Förskoleenhet Tensta ${tag};Tenstateamet ${tag};`,
    `Förskoleenhet Tensta ${tag};förskoleenhet;;Tenstateamet ${tag};`,
    `BVC Tensta ${tag};BVC;;Tenstateamet ${tag};`,
    `Tenstateamet ${tag};socialtjänst;;;`,
  ].join('\r\n');

describe('reading in a district\'s organisations from CSV', () => {
  test('a dry run answers every row with its errors in Swedish and writes nothing', async () => {
    const s = await setup();
    const csv = [
      'name,kind,parent,team,sections',
      `Rinkebyskolan ${s.tag},skolan,,,`,
      `Rinkebyskolan ${s.tag},skola,,,`,
      `Hjulsta ${s.tag},skola,Rinkebyskolan ${s.tag},,`,
      // As Excel quotes a cell with quotes in it.
      `"=HYPERLINK(""http://x"")",skola,,,`,
      `Fritidsgården ${s.tag},fritid,,Okänt team,`,
      `Akalla ${s.tag},skola,,,A|a`,
    ].join('\n');
    const res = await s.send(csv, true);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { line: number; ok: boolean; errors: { field: string; message: string }[] }[];
    expect(rows.map((r) => r.ok)).toEqual([false, false, false, false, false, false]);
    expect(rows[0]!.errors).toEqual([{ field: 'kind', message: expect.stringContaining('Okänd typ "skolan"') }]);
    expect(rows[1]!.errors[0]!.message).toBe(`Rinkebyskolan ${s.tag} finns redan på rad 2.`);
    expect(rows[2]!.errors[0]).toEqual({ field: 'parent', message: 'Bara en förskola hör till en förskoleenhet.' });
    expect(rows[3]!.errors[0]!.message).toMatch(/formel/);
    expect(rows[4]!.errors[0]!.message).toMatch(/inget socialtjänstteam som heter "Okänt team"/);
    expect(rows[5]!.errors[0]!.message).toBe('Två avdelningar har samma namn.');
    expect(res.json().created).toBe(0);
    expect(await s.inDistrict()).toEqual([]);
  });

  test('a right file is written at once: teams and units first, sections split on |, each audited', async () => {
    const s = await setup();
    const dry = await s.send(GOOD(s.tag), true);
    expect(dry.json()).toMatchObject({ created: 0 });
    expect(dry.json().rows.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(await s.inDistrict()).toEqual([]);
    const res = await s.send(GOOD(s.tag), false);
    expect(res.json().created).toBe(5);
    const orgs = await s.inDistrict();
    const by = (prefix: string) => orgs.find((o) => o.name.startsWith(prefix))!;
    expect(by('Förskolan Sländan').parentId).toBe(by('Förskoleenhet Tensta').id);
    expect(by('Tenstaskolan').servingTeamId).toBe(by('Tenstateamet').id);
    expect(by('BVC Tensta').kind).toBe('child_health');
    const names = (await s.db.select().from(sections).where(eq(sections.organisationId, by('Tenstaskolan').id))).map((x) => x.name);
    expect(names.sort()).toEqual(['4–6', '7–9', 'F–3']);
    // The same file again: every name is taken now.
    const again = await s.send(GOOD(s.tag), true);
    expect(again.json().rows[0].errors[0].message).toMatch(/finns redan en verksamhet som heter/);
  });

  test('a wrong header is a 400 in Swedish; another district\'s administrator gets 404', async () => {
    const s = await setup();
    const bad = await s.send('skola;adress\nA;B', true);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/Rubrikraden stämmer inte: kolumnen name, kind saknas/);
    expect((await s.send(GOOD(s.tag), false, s.stranger)).statusCode).toBe(404);
    expect(await s.inDistrict()).toEqual([]);
  });
});
