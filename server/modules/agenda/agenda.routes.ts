import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agendaItemSchema, agendaQuery, calendarFeedParams, calendarFeedSchema } from '../../contracts/agenda.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { z } from '../../contracts/zod.ts';
import type { AgendaService } from './agenda.service.ts';

const tags = ['Agenda'];

export const agendaRoutes: FastifyPluginAsyncZod<{ agenda: AgendaService }> = async (app, { agenda }) => {
  app.get(
    '/api/me/agenda',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Mina egna dagar: walk-and-talks, bokningar, möten, jour, frånvaro och tider på plats (högst 92 dagar)',
        querystring: agendaQuery,
        response: { 200: z.array(agendaItemSchema), 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => agenda.agenda(request.signedIn, request.query.from, request.query.to),
  );

  app.post(
    '/api/me/calendar-feed',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'En ny hemlig kalenderlänk att prenumerera på (den gamla slutar fungera)', response: { 200: calendarFeedSchema, 401: problemSchema } },
    },
    async (request) => agenda.newFeed(request.signedIn),
  );

  app.get(
    '/api/calendar/:token',
    {
      // The secret in the URL is the key: calendar apps subscribe without a session.
      config: { access: 'public' },
      schema: { tags, summary: 'Kalenderflödet (iCalendar) för den som äger länken', params: calendarFeedParams, response: { 200: z.string(), 400: problemSchema, 404: problemSchema } },
    },
    async (request, reply) => {
      const ics = await agenda.feed(request.params.token.replace(/\.ics$/, ''));
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(ics);
    },
  );
};
