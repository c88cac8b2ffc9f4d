import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acknowledgedSchema,
  caseStatutorySchema,
  feedbackBody,
  feedbackParams,
  feedbackQuery,
  feedbackSchema,
  inboxEntrySchema,
  pendingStatutorySchema,
  statutoryBody,
  statutorySchema,
} from '../../contracts/consents.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { idempotencyHeaders } from '../../contracts/idempotency.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { FeedbackService } from './feedback.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Återkoppling'];
const caseParams = z.object({ id: uuid });

export const feedbackRoutes: FastifyPluginAsyncZod<{ feedback: FeedbackService }> = async (app, { feedback }) => {
  app.post(
    '/api/cases/:id/feedback',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Skriv återkoppling inom ett samtycke som gäller nu (ärendets socialsekreterare, verksamhetens rektor och elevhälsa); 403 no_consent; 422 identifying_data; med Idempotency-Key skrivs samma meddelande en gång',
        params: caseParams,
        headers: idempotencyHeaders,
        body: feedbackBody,
        response: { 201: z.object({ id: z.string(), createdAt: z.string() }), 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await feedback.write(request.signedIn, request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/cases/:id/feedback',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Läs återkopplingen: socialsekreterarna allt, skolsidan bara den egna verksamhetens och bara medan ett samtycke gäller; 403 no_consent',
        params: caseParams,
        querystring: feedbackQuery,
        response: { 200: z.array(feedbackSchema), ...problems },
      },
    },
    async (request) => feedback.read(request.signedIn, request.params.id, request.query),
  );

  app.post(
    '/api/feedback/:id/acknowledge',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Kvittera ett meddelande som läst (mottagaren)', params: feedbackParams, response: { 200: acknowledgedSchema, ...problems } } },
    async (request) => feedback.acknowledge(request.signedIn, request.params.id),
  );

  app.post(
    '/api/cases/:id/statutory-feedback',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Återkoppling till anmälare: ett av tre fasta svar, ingen fritext, inget samtycke behövs (ärendets socialsekreterare)',
        params: caseParams,
        body: statutoryBody,
        response: { 201: statutorySchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await feedback.giveStatutory(request.signedIn, request.params.id, request.body)),
  );

  app.get(
    '/api/cases/:id/statutory-feedback',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ärendets anmälare och vad de fått veta (teamet)', params: caseParams, response: { 200: z.array(caseStatutorySchema), ...problems } } },
    async (request) => feedback.statutoryOfCase(request.signedIn, request.params.id),
  );

  app.get(
    '/api/teams/:teamId/statutory-feedback/pending',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Anmälningar som väntar på återkoppling till anmälaren, och hur många dagar de väntat',
        params: z.object({ teamId: uuid }),
        response: { 200: z.array(pendingStatutorySchema), ...problems },
      },
    },
    async (request) => feedback.pendingStatutory(request.signedIn, request.params.teamId),
  );

  app.get(
    '/api/organisations/:id/feedback',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Verksamhetens återkoppling: ärenden med samtycke just nu, olästa meddelanden och återkoppling till anmälare (rektor, elevhälsa)',
        params: caseParams,
        querystring: z.object({ caseId: uuid.optional() }).strict(),
        response: { 200: z.array(inboxEntrySchema), ...problems },
      },
    },
    async (request) => feedback.inbox(request.signedIn, request.params.id, request.query.caseId),
  );
};
