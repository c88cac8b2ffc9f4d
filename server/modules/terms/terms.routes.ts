import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { bookingRequiredBody, coverageSchema, periodBody, periodSchema, remindBody, remindedSchema, reminderSchema } from '../../contracts/terms.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { TermsService } from './terms.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Terminer och bokningsplikt'];
const idParams = z.object({ id: uuid });

export const termsRoutes: FastifyPluginAsyncZod<{ terms: TermsService }> = async (app, { terms }) => {
  app.get(
    '/api/organisations/:id/school-periods',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Verksamhetens terminer och lov (en förskolas kommer från enheten om den inte har egna)', params: idParams, response: { 200: z.array(periodSchema), ...problems } } },
    async (request) => terms.list(request.signedIn, request.params.id),
  );

  app.post(
    '/api/organisations/:id/school-periods',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Lägg in en termin eller ett lov (rektor, förskolechef, systemförvaltare)', params: idParams, body: periodBody, response: { 201: z.object({ id: z.string() }), ...problems } } },
    async (request, reply) => reply.code(201).send(await terms.create(request.signedIn, request.params.id, request.body)),
  );

  app.put(
    '/api/school-periods/:id/booking-required',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Gör bokning av walk-and-talk obligatorisk (eller inte) för pedagogerna under terminen', params: idParams, body: bookingRequiredBody, response: { 200: z.object({ id: z.string(), bookingRequired: z.boolean() }), ...problems } },
    },
    async (request) => terms.setBookingRequired(request.signedIn, request.params.id, request.body.bookingRequired),
  );

  app.delete(
    '/api/school-periods/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Ta bort en termin eller ett lov', params: idParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await terms.remove(request.signedIn, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/school-periods/:id/booking-coverage',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Per förskola eller arbetslag: vilka pedagoger som har bokat en walk-and-talk under terminen och vilka inte än', params: idParams, response: { 200: coverageSchema, ...problems } } },
    async (request) => terms.coverage(request.signedIn, request.params.id),
  );

  app.post(
    '/api/school-periods/:id/reminders',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Påminn dem som inte har bokat än (alla eller de valda), i portalen', params: idParams, body: remindBody, response: { 200: remindedSchema, ...problems } },
    },
    async (request) => terms.remind(request.signedIn, request.params.id, request.body.userIds),
  );

  app.get(
    '/api/me/reminders',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Mina påminnelser om att boka en walk-and-talk', response: { 200: z.array(reminderSchema), ...problems } } },
    async (request) => terms.mine(request.signedIn),
  );

  app.post(
    '/api/reminders/:id/dismiss',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Lägg undan en påminnelse', params: idParams, response: { 204: z.null(), ...problems } } },
    async (request, reply) => {
      await terms.dismiss(request.signedIn, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
