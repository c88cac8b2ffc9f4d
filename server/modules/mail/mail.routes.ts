import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { okResponse } from '../../contracts/auth.ts';
import { devMailSchema, devOutboxQuery, mailFailureParams, mailPreferencesSchema, mailStatusSchema, notificationParams, notificationSchema } from '../../contracts/mail.ts';
import { z } from '../../contracts/zod.ts';
import { administrators } from '../../lib/access.ts';
import type { MailService } from './mail.service.ts';

export const mailRoutes: FastifyPluginAsyncZod<{ mail: MailService }> = async (app, { mail }) => {
  app.get(
    '/api/dev/outbox',
    {
      config: { access: administrators },
      schema: {
        tags: ['E-post'],
        summary: 'Demoläge: e-post som skickats till den inbyggda brevlådan, nyast först (med to= bara breven till den adressen)',
        querystring: devOutboxQuery,
        response: { 200: z.array(devMailSchema), 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => mail.devOutbox(request.signedIn, request.query.to),
  );

  app.get(
    '/api/mail/status',
    {
      config: { access: administrators },
      schema: {
        tags: ['E-post'],
        summary: 'Utkorgen: hur e-post skickas, hur många brev som väntar och vilka som inte gick att skicka',
        response: { 200: mailStatusSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => mail.status(request.signedIn),
  );

  app.post(
    '/api/mail/failures/:id/retry',
    {
      config: { access: administrators },
      schema: {
        tags: ['E-post'],
        summary: 'Försök skicka ett brev som gavs upp igen',
        params: mailFailureParams,
        response: { 200: okResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      await mail.retry(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me/notifications',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['E-post'], summary: 'Mina aviseringar, nyast först', response: { 200: z.array(notificationSchema), 401: problemSchema } },
    },
    async (request) => mail.notifications(request.signedIn),
  );

  app.post(
    '/api/me/notifications/:id/read',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['E-post'], summary: 'Markera en avisering som läst', params: notificationParams, response: { 200: okResponse, 400: problemSchema, 401: problemSchema, 404: problemSchema } },
    },
    async (request) => {
      await mail.markRead(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me/mail-preferences',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['E-post'], summary: 'Vilka sorters e-post jag har stängt av', response: { 200: mailPreferencesSchema, 401: problemSchema } },
    },
    async (request) => mail.preferences(request.signedIn),
  );

  app.put(
    '/api/me/mail-preferences',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['E-post'],
        summary: 'Stäng av eller sätt på sorters e-post (brådskande mötesförfrågningar kommer alltid)',
        body: mailPreferencesSchema,
        response: { 200: mailPreferencesSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => mail.setPreferences(request.signedIn, request.body.off),
  );
};
