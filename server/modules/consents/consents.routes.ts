import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { consentBody, consentCreatedSchema, consentParams, consentSchema, consentStatusValues, receiptSchema, withdrawBody } from '../../contracts/consents.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { idempotencyHeaders } from '../../contracts/idempotency.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { ConsentsService } from './consents.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Samtycken'];

export const consentsRoutes: FastifyPluginAsyncZod<{ consents: ConsentsService }> = async (app, { consents }) => {
  app.post(
    '/api/cases/:id/consents',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Registrera vårdnadshavarnas (och barnets) samtycke för en verksamhet i ärendet, högst 12 månader (ärendets socialsekreterare); med Idempotency-Key registreras samma begäran en gång',
        params: z.object({ id: uuid }),
        headers: idempotencyHeaders,
        body: consentBody,
        response: { 201: consentCreatedSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await consents.record(request.signedIn, request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/cases/:id/consents',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ärendets samtycken med status just nu (teamet)', params: z.object({ id: uuid }), response: { 200: z.array(consentSchema), ...problems } } },
    async (request) => consents.list(request.signedIn, request.params.id),
  );

  app.post(
    '/api/consents/:id/withdraw',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Återkalla ett samtycke; gäller från samma sekund (ärendets socialsekreterare)',
        params: consentParams,
        body: withdrawBody,
        response: { 200: z.object({ status: z.enum(consentStatusValues) }), ...problems },
      },
    },
    async (request) => consents.withdraw(request.signedIn, request.params.id, request.body.reason),
  );

  app.get(
    '/api/consents/:id/receipt',
    { config: { access: teamStaff }, schema: { tags, summary: 'Underlag för kvittot till familjen: vem delar vad med vem, till när, och hur man återkallar', params: consentParams, response: { 200: receiptSchema, ...problems } } },
    async (request) => consents.receipt(request.signedIn, request.params.id),
  );
};
