import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { absenceBody, absenceAddedSchema, absenceSchema, idParams, profileBody, profileSchema } from '../../contracts/team.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import { PHOTO_UPLOAD_LIMIT, photoContentTypes } from '../../lib/photos.ts';
import type { ProfileService } from './profile.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Frånvaro och profil'];

export const profileRoutes: FastifyPluginAsyncZod<{ profile: ProfileService }> = async (app, { profile }) => {
  // A photo arrives as the image's own bytes; only in this plugin.
  app.addContentTypeParser([...photoContentTypes], { parseAs: 'buffer', bodyLimit: PHOTO_UPLOAD_LIMIT }, (_request, body, done) => done(null, body));

  app.put(
    '/api/me/photo',
    {
      config: { access: 'signed-in' },
      bodyLimit: PHOTO_UPLOAD_LIMIT,
      schema: {
        tags,
        summary: 'Byt min bild: skicka bildens byte som image/jpeg, image/png eller image/webp (högst 8 MB); den sparas som 256 × 256 WebP utan metadata',
        consumes: [...photoContentTypes],
        body: z.any().describe('Bildens byte (JPEG, PNG eller WebP)'),
        response: { 200: profileSchema, ...problems },
      },
    },
    async (request) => profile.setPhoto(request.signedIn, request.body as Buffer),
  );
  app.delete('/api/me/photo', { config: { access: 'signed-in' }, schema: { tags, summary: 'Ta bort min bild', response: { 200: profileSchema, ...problems } } }, async (request) => profile.deletePhoto(request.signedIn));
  app.get(
    '/api/users/:id/photo',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'En persons bild (WebP), för kontaktkort', params: z.object({ id: uuid }), produces: ['image/webp'], response: { 200: z.any().describe('Bilden som image/webp'), 404: problemSchema, 401: problemSchema } } },
    async (request, reply) => {
      const photo = await profile.photo(request.signedIn, request.params.id);
      return reply
        .type('image/webp')
        .header('cache-control', 'private, max-age=86400, immutable')
        .header('last-modified', photo.updatedAt.toUTCString())
        .send(photo.image);
    },
  );

  app.get('/api/me/profile', { config: { access: teamStaff }, schema: { tags, summary: 'Min profil', response: { 200: profileSchema, ...problems } } }, async (request) =>
    profile.profile(request.signedIn),
  );
  app.put(
    '/api/me/profile',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ändra titel och telefon', body: profileBody, response: { 200: profileSchema, ...problems } } },
    async (request) => profile.updateProfile(request.signedIn, request.body),
  );
  app.get(
    '/api/me/absences',
    { config: { access: teamStaff }, schema: { tags, summary: 'Min frånvaro från i dag', response: { 200: z.array(absenceSchema), ...problems } } },
    async (request) => profile.absences(request.signedIn),
  );
  app.post(
    '/api/me/absences',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Lägg till frånvaro (andra ser bara "Borta till …")',
        body: absenceBody,
        response: { 201: absenceAddedSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await profile.addAbsence(request.signedIn, request.body)),
  );
  app.delete(
    '/api/me/absences/:id',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ta bort frånvaro', params: idParams, response: { 200: okResponse, ...problems } } },
    async (request) => {
      await profile.deleteAbsence(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );
};
