import { describe, expect, test } from 'vitest';
import { addDays, stockholmDate, stockholmInstant } from '../../server/contracts/time.ts';
import { caseOrganisations, cases, caseWorkers, consents } from '../../db/schema/index.ts';
import { asUser } from '../helpers/app.ts';
import { privileged } from '../helpers/db.ts';
import { browserAvailable, expectAccessible, expectFitsPhone, JS_MODES, signedInPhone, useWebApp } from '../helpers/browser.ts';
import { assignContact, createDistrict, createOrganisation, createSlot, createUser, reportMeetingRequest, setTeamSettings } from '../helpers/factories.ts';

const run = browserAvailable();

// On the real clock: a walk-and-talk early today (so it is today whenever the suite runs) and one next week.
describe.skipIf(!run)('the start page is the person\'s day', () => {
  const suite = useWebApp(async ({ app, db }) => {
    const d = await createDistrict(db);
    await setTeamSettings(db, d.team.id, { dutyPhone: '08-111 22 33', afterHoursPhone: '08-444 55 66' });
    const anna = await createUser(db, { name: 'Anna Dag', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const lead = await createUser(db, { name: 'Lena Ledare', memberships: [{ organisationId: d.team.id, role: 'team_lead' }] });
    const principal = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'principal' }] });
    const pedagogue = await createUser(db, { memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
    const today = stockholmDate(new Date());
    await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: stockholmInstant(today, '00:05').toISOString(), location: 'Vid grinden' });
    const later = await createSlot(db, { organisationId: d.school.id, hostIds: [anna.id], startsAt: stockholmInstant(addDays(today, 8), '14:00').toISOString(), location: 'Vid entrén' });
    await app.inject({ method: 'POST', url: `/api/slots/${later.id}/bookings`, headers: await asUser(app, pedagogue), payload: { topic: 'general_question' } });
    // A request waiting for a time, marked urgent, with times a week ahead.
    const at = (h: string) => stockholmInstant(addDays(today, 9), h).toISOString();
    await app.inject({ method: 'POST', url: '/api/meetings', headers: await asUser(app, principal), payload: reportMeetingRequest(d.school.id, { urgency: 'urgent', proposedTimes: [{ startsAt: at('10:00'), endsAt: at('11:00') }] }) });
    // A case the school reported, with the guardians' consent, and one message from Anna not yet read.
    const [c] = await db.insert(cases).values({ teamId: d.team.id, label: 'Familjen Ek', createdBy: anna.id, createdAt: new Date() }).returning({ id: cases.id });
    await db.insert(caseOrganisations).values({ caseId: c!.id, organisationId: d.school.id, reporter: true });
    await db.insert(caseWorkers).values({ caseId: c!.id, userId: anna.id, responsible: true });
    await privileged(db, (tx) =>
      tx.insert(consents).values({ caseId: c!.id, organisationId: d.school.id, teamId: d.team.id, scopes: ['intervention_progress'], parties: [{ role: 'guardian' }], form: 'verbal', validFrom: today, validUntil: addDays(today, 60), recordedBy: anna.id }),
    );
    const wrote = await app.inject({ method: 'POST', url: `/api/cases/${c!.id}/feedback`, headers: await asUser(app, anna), payload: { organisationId: d.school.id, scope: 'intervention_progress', body: 'Insatsen har börjat.' } });
    if (wrote.statusCode !== 201) throw new Error(wrote.body);
    // A pedagogue in F–3: Anna is F–3's contact, Cia 7–9's.
    const cia = await createUser(db, { name: 'Cia Sju', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
    const second = await createOrganisation(db, { kind: 'school', servingTeamId: d.team.id, sections: ['F–3', '7–9'] });
    await assignContact(db, { organisationId: second.id, userId: anna.id, sectionId: second.sections[0]!.id });
    await assignContact(db, { organisationId: second.id, userId: cia.id, sectionId: second.sections[1]!.id });
    const lowerYears = await createUser(db, { memberships: [{ organisationId: second.id, role: 'pedagogue', sectionId: second.sections[0]!.id }] });
    return { anna, lead, pedagogue, principal, lowerYears, school: d.school, nextWeek: addDays(today, 8) };
  });

  test.each(JS_MODES)('%s: a social worker sees today, the week and what waits; the lead also the roster gaps and places without a contact', async (_name, javaScriptEnabled) => {
    const { browser, base, anna, lead, school } = suite;
    const page = await signedInPhone(browser, base, anna, javaScriptEnabled);
    const today = page.getByRole('region', { name: 'I dag' });
    await today.getByText('Walk-and-talk').first().waitFor();
    expect(await today.textContent()).toContain('Vid grinden');
    // The places she is the contact for, each leading to putting out times there.
    const contactFor = page.getByRole('region', { name: 'Du är kontaktperson för' });
    expect(await contactFor.getByRole('link', { name: /\(F–3\)$/ }).getAttribute('href')).toMatch(/^\/walk-and-talk\/serier\?verksamhet=/);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.context().close();

    const leadPage = await signedInPhone(browser, base, lead, javaScriptEnabled);
    const tasks = leadPage.getByRole('region', { name: 'Att göra' });
    await tasks.getByRole('link', { name: 'En mötesförfrågan väntar på en tid (1 brådskande)' }).waitFor();
    await tasks.getByRole('link', { name: /dagar utan någon på jourtelefonen, den första / }).waitFor();
    await tasks.getByRole('link', { name: new RegExp(`^Utan kontaktperson: .*${school.name}`) }).waitFor();
    // The team's week, day by day: who has the duty phone and the team's walk-and-talks.
    const week = leadPage.getByRole('region', { name: 'Teamets vecka' });
    expect(await week.getByRole('listitem').count()).toBe(7);
    expect(await week.getByRole('listitem').first().textContent()).toMatch(/1 walk-and-talk, 0 bokade/);
    expect(await week.getByRole('link', { name: 'Hela teamets vecka, tid för tid' }).getAttribute('href')).toBe('/min-vecka?vy=teamet');
    await tasks.getByRole('link', { name: 'En mötesförfrågan väntar på en tid (1 brådskande)' }).click();
    await leadPage.waitForURL(`${base}/moten`);
    await leadPage.context().close();
  });

  test.each(JS_MODES)('%s: a social worker jumps to another day and back', async (_name, javaScriptEnabled) => {
    const { browser, base, anna, nextWeek } = suite;
    const page = await signedInPhone(browser, base, anna, javaScriptEnabled);
    await page.getByLabel('Visa en annan dag').fill(nextWeek);
    await page.getByRole('button', { name: 'Visa', exact: true }).click();
    await page.waitForURL(`${base}/?dag=${nextWeek}`);
    const day = page.locator('#home-today').locator('..');
    await day.getByText('Vid entrén').waitFor();
    expect(await page.getByRole('region', { name: 'I dag' }).count()).toBe(0);
    await expectAccessible(page, { javaScriptEnabled });
    await page.getByRole('link', { name: 'Tillbaka till i dag' }).click();
    await page.getByRole('region', { name: 'I dag' }).getByText('Vid grinden').waitFor();
    await page.goto(`${base}/?dag=2026-02-30`);
    await page.getByText('Datumet gick inte att läsa. Här är i dag.').waitFor();
    await page.context().close();
  });

  test.each(JS_MODES)('%s: a principal sees her requests waiting for a time and the unread feedback', async (_name, javaScriptEnabled) => {
    const { browser, base, principal } = suite;
    const page = await signedInPhone(browser, base, principal, javaScriptEnabled);
    const requests = page.getByRole('region', { name: 'Dina mötesförfrågningar' });
    const item = requests.getByRole('listitem').filter({ hasText: 'Anmälningsmöte' });
    expect(await item.textContent()).toMatch(/skickad i dag.*Brådskande/);
    await requests.getByRole('link', { name: 'Begär ett möte' }).waitFor();
    const unread = page.getByRole('region', { name: 'Återkoppling' });
    await unread.getByRole('link', { name: 'Ett oläst meddelande' }).click();
    await page.waitForURL(`${base}/aterkoppling`);
    await page.getByText('Familjen Ek').first().waitFor();
    await page.goto(base);
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.context().close();
  });

  test.each(JS_MODES)('%s: a pedagogue in a section sees that section\'s contact first, the others one tap away', async (_name, javaScriptEnabled) => {
    const { browser, base, lowerYears } = suite;
    const page = await signedInPhone(browser, base, lowerYears, javaScriptEnabled);
    const contacts = page.getByRole('region', { name: 'Era kontaktpersoner' });
    await contacts.getByRole('article', { name: 'Anna Dag' }).waitFor();
    expect(await contacts.getByRole('article', { name: 'Cia Sju' }).isVisible()).toBe(false);
    await contacts.getByText('Fler kontaktpersoner här (1)').click();
    await contacts.getByRole('article', { name: 'Cia Sju' }).waitFor();
    await expectAccessible(page, { javaScriptEnabled });
    await page.context().close();
  });

  test.each(JS_MODES)('%s: a pedagogue sees how to reach the team now, 112 always, and the next walk-and-talk', async (_name, javaScriptEnabled) => {
    const { browser, base, pedagogue } = suite;
    const page = await signedInPhone(browser, base, pedagogue, javaScriptEnabled);
    const reach = page.getByRole('region', { name: 'Nå teamet nu' });
    expect(await reach.getByRole('link', { name: 'Akut fara för någons liv eller hälsa: ring 112' }).getAttribute('href')).toBe('tel:112');
    await reach.getByRole('link', { name: 'Alla vägar, i tur och ordning' }).waitFor();
    const next = page.getByRole('region', { name: 'Din nästa walk-and-talk' });
    expect(await next.textContent()).toContain('Vid entrén');
    await expectAccessible(page, { javaScriptEnabled });
    await expectFitsPhone(page);
    await page.context().close();
  });
});
