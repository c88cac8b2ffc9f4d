import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { asUser, buildTestApp } from '../helpers/app.ts';
import { assignContact, createDistrict, createUser } from '../helpers/factories.ts';

async function setup() {
  const { app, db } = await buildTestApp();
  const d = await createDistrict(db);
  const worker = await createUser(db, { name: 'Anna Berg', memberships: [{ organisationId: d.team.id, role: 'social_worker' }] });
  const pedagogue = await createUser(db, { name: 'Pia Pedagog', memberships: [{ organisationId: d.school.id, role: 'pedagogue' }] });
  await assignContact(db, { organisationId: d.school.id, userId: worker.id, startsOn: '2020-01-01' });
  return { app, db, ...d, worker, pedagogue, asWorker: await asUser(app, worker), asPedagogue: await asUser(app, pedagogue) };
}

/** A camera-sized photo that carries who took it and where, as phones do. */
const cameraPhoto = () =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background: { r: 40, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Anna Berg', ImageDescription: 'Hemma på Storgatan 1' } })
    .toBuffer();

const upload = (s: Awaited<ReturnType<typeof setup>>, headers: { cookie: string }, body: Buffer | string, type = 'image/jpeg') =>
  s.app.inject({ method: 'PUT', url: '/api/me/photo', headers: { ...headers, 'content-type': type }, payload: body });

describe('profile photos', () => {
  test('a social worker’s photo is stored square, small and without metadata, and shows on the contact card', async () => {
    const s = await setup();
    const original = await cameraPhoto();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload(s, s.asWorker, original);
    expect(res.statusCode).toBe(200);
    const url = res.json().photoUrl as string;
    expect(url).toMatch(new RegExp(`^/api/users/${s.worker.id}/photo\\?v=\\d+$`));

    const contacts = (await s.app.inject({ method: 'GET', url: `/api/organisations/${s.school.id}/contacts`, headers: s.asPedagogue })).json();
    expect(contacts).toEqual([expect.objectContaining({ name: 'Anna Berg', photoUrl: url })]);

    const photo = await s.app.inject({ method: 'GET', url, headers: s.asPedagogue });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/webp');
    const stored = await sharp(photo.rawPayload).metadata();
    expect(stored).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(stored.exif).toBeUndefined();
    expect(photo.rawPayload.includes(Buffer.from('Storgatan'))).toBe(false);
    expect((await s.app.inject({ method: 'GET', url })).statusCode).toBe(401);

    const removed = await s.app.inject({ method: 'DELETE', url: '/api/me/photo', headers: s.asWorker });
    expect(removed.json().photoUrl).toBeNull();
    expect((await s.app.inject({ method: 'GET', url, headers: s.asPedagogue })).statusCode).toBe(404);
  });

  test('what is not a photo is refused in Swedish and nothing is stored; only the team has photos', async () => {
    const s = await setup();
    const notImage = await upload(s, s.asWorker, 'hej, det här är ingen bild', 'image/png');
    expect(notImage.statusCode).toBe(400);
    expect(notImage.json().detail).toContain('Bilden gick inte att läsa');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'white' } }).gif().toBuffer();
    expect((await upload(s, s.asWorker, gif, 'image/png')).statusCode).toBe(400);
    expect((await upload(s, s.asWorker, Buffer.from('x'), 'text/plain')).statusCode).toBe(415);
    expect((await upload(s, s.asWorker, Buffer.alloc(9 * 1024 * 1024), 'image/jpeg')).statusCode).toBe(413);
    expect((await upload(s, s.asPedagogue, await cameraPhoto())).statusCode).toBe(403);
    expect((await s.app.inject({ method: 'GET', url: '/api/me/profile', headers: s.asWorker })).json().photoUrl).toBeNull();
  });
});
