import { eq, inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, memberships, outbox, users } from '../../db/schema/index.ts';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { createDistrict, createUser } from '../helpers/factories.ts';
import { uniqueTag } from '../helpers/tag.ts';

async function setup() {
  const { app, db } = await buildTestApp();
  const d = await createDistrict(db);
  const admin = await createUser(db, { name: 'Ada Admin', memberships: [{ organisationId: null, role: 'admin' }] });
  const headers = await asUser(app, admin);
  const send = (csv: string, dryRun?: boolean, h: Record<string, string> = headers) =>
    app.inject({ method: 'POST', url: `/api/admin/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`, headers: { ...h, 'content-type': 'text/csv' }, payload: csv });
  const tag = uniqueTag(8);
  return { app, db, ...d, admin, headers, send, tag };
}

/** A school's staff list of 40 as Excel saves it in Sweden: semicolons, a BOM, Swedish headers. */
function staffList(school: string, tag: string, n = 40) {
  const rows = Array.from({ length: n }, (_, i) => `Person ${i + 1} ${tag};p${i + 1}-${tag}@skola.example;${i === 0 ? 'Rektor' : 'pedagog'};${school};${i % 2 ? 'F–3' : '7–9'};08-123 45 ${String(i).padStart(2, '0')}`);
  return `\uFEFFnamn;e-post;roll;verksamhet;avdelning;telefon\r\n${rows.join('\r\n')}\r\n`;
}

describe('reading in a staff list', () => {
  test('40 staff: a dry run writes nothing; then everyone is created in one go with their section, invited, and audited', async () => {
    const { db, school, send, tag } = await setup();
    const csv = staffList(school.name, tag);
    const dry = await send(csv, true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().created).toBe(0);
    expect(dry.json().rows).toHaveLength(40);
    expect(dry.json().rows.every((r: { ok: boolean }) => r.ok)).toBe(true);
    expect(dry.json().rows[0].line).toBe(2);
    const emails = Array.from({ length: 40 }, (_, i) => `p${i + 1}-${tag}@skola.example`);
    expect(await db.select({ id: users.id }).from(users).where(inArray(users.email, emails))).toEqual([]);

    const res = await send(csv, false);
    expect(res.json()).toMatchObject({ created: 40 });
    const created = await db.select({ id: users.id, email: users.email, phone: users.phone }).from(users).where(inArray(users.email, emails));
    expect(created).toHaveLength(40);
    const held = await db.select({ role: memberships.role, sectionId: memberships.sectionId }).from(memberships).where(inArray(memberships.userId, created.map((c) => c.id)));
    expect(held.filter((m) => m.role === 'principal')).toHaveLength(1);
    expect(new Set(held.map((m) => m.sectionId))).toEqual(new Set(school.sections.map((s) => s.id)));
    const invitations = await db.select({ id: outbox.id }).from(outbox).where(inArray(outbox.recipientId, created.map((c) => c.id)));
    expect(invitations).toHaveLength(40);
    expect(await db.select({ id: auditLog.id }).from(auditLog).where(inArray(auditLog.targetId, created.map((c) => c.id)))).toHaveLength(40);
  });

  test('a wrong row: every row answered with its errors in Swedish, and nothing written, not even the good rows', async () => {
    const { db, school, team, send, tag } = await setup();
    const taken = await createUser(db);
    const lines = [
      'name,email,role,organisation,section,phone',
      `Bra Rad ${tag},bra-${tag}@skola.example,pedagog,${school.name},,`,
      `Dubbel ${tag},bra-${tag}@skola.example,pedagog,${school.name},,`,
      `Finns Redan ${tag},${taken.email},pedagog,${school.name},,`,
      `Okänd Skola ${tag},okand-${tag}@skola.example,pedagog,Ingen sådan skola,,`,
      `Fel Roll ${tag},felroll-${tag}@skola.example,socialsekreterare,${school.name},,`,
      `Fel Avdelning ${tag},felavd-${tag}@skola.example,pedagog,${school.name},Mars,`,
      `"=HYPERLINK(""http://x.example"")",formel-${tag}@skola.example,pedagog,${school.name},,`,
      `Polis I Skola ${tag},polis-${tag}@skola.example,polis,${team.name},,+46 8 123 45 67`,
      `Trasig Adress ${tag},inte-en-adress,pedagog,${school.name},,`,
    ];
    const res = await send(`${lines.join('\n')}\n`);
    expect(res.statusCode).toBe(200);
    const { rows, created } = res.json();
    expect(created).toBe(0);
    const byLine = (line: number) => rows.find((r: { line: number }) => r.line === line);
    expect(byLine(2)).toEqual({ line: 2, ok: true, errors: [] });
    expect(byLine(3).errors).toEqual([{ field: 'email', message: `bra-${tag}@skola.example finns redan på rad 2.` }]);
    expect(byLine(4).errors[0].message).toContain('har redan ett konto');
    expect(byLine(5).errors).toEqual([{ field: 'organisation', message: 'Det finns ingen verksamhet som heter "Ingen sådan skola".' }]);
    expect(byLine(6).errors[0]).toMatchObject({ field: 'role', message: `${school.name} har ingen socialsekreterare.` });
    expect(byLine(7).errors[0]).toMatchObject({ field: 'section' });
    expect(byLine(8).errors[0]).toMatchObject({ field: 'name', message: expect.stringContaining('formel') });
    expect(byLine(9).errors[0]).toMatchObject({ field: 'role', message: `${team.name} har ingen polis.` });
    expect(byLine(10).errors[0]).toMatchObject({ field: 'email', message: '"inte-en-adress" är ingen giltig e-postadress.' });
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, `bra-${tag}@skola.example`))).toEqual([]);
  });

  test('a wrong header, an empty file, a 10 MB file, and a caller who is not the administrator', async () => {
    const { app, db, school, send } = await setup();
    const header = await send('namn;epost;favoritfärg\nA;b@c.se;blå\n');
    expect(header.statusCode).toBe(400);
    expect(header.json().detail).toContain('Rubrikraden stämmer inte');
    expect(header.json().detail).toContain('"favoritfärg"');
    expect((await send('')).json().detail).toContain('Filen är tom');
    expect((await send('name,email,role,organisation\n')).json().detail).toBe('Filen har rubriker men inga personer.');
    const big = await send(`name,email,role,organisation\n${'x'.repeat(10 * 1024 * 1024)}`);
    expect(big.statusCode).toBe(413);
    expect(big.json().detail).toBe('Innehållet är för stort.');
    const lead = await createUser(db, { memberships: [{ organisationId: school.id, role: 'principal' }] });
    expect((await send('name,email,role,organisation\n', true, await asUser(app, lead))).statusCode).toBe(403);
  });
});
