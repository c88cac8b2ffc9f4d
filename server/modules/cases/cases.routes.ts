import { caseEventBody, caseEventSchema } from '../../contracts/case-path.ts';
import { idempotencyHeaders } from '../../contracts/idempotency.ts';
import { teamLeads, teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditEntrySchema, caseBody, caseParams, caseSchema, caseSummarySchema, overrideSchema, workersBody } from '../../contracts/cases.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { CasesService } from './cases.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Ärenden'];

export const casesRoutes: FastifyPluginAsyncZod<{ cases: CasesService }> = async (app, { cases }) => {
  app.post(
    '/api/cases',
    { config: { access: teamStaff }, schema: { tags, summary: 'Skapa ett ärende med pseudonym etikett (teamet); 422 identifying_data. Med Idempotency-Key ger samma förfrågan igen det första ärendet', headers: idempotencyHeaders, body: caseBody, response: { 201: z.object({ id: z.string() }), 422: problemSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await cases.create(request.signedIn, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/cases',
    { config: { access: teamStaff }, schema: { tags, summary: 'Mina ärenden (enhetschefen: teamets alla)', response: { 200: z.array(caseSummarySchema), ...problems } } },
    async (request) => cases.list(request.signedIn),
  );

  app.get(
    '/api/cases/:id',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ett ärende: verksamheter, handläggare, de som träffade familjen, möten och byten', params: caseParams, response: { 200: caseSchema, ...problems } } },
    async (request) => cases.get(request.signedIn, request.params.id),
  );

  app.post(
    '/api/cases/:id/events',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Registrera ett steg i ärendets väg (anmälan, utredning, insats, avslut, uppföljande samtal) med datum; 400 när ordningen inte går ihop',
        params: caseParams,
        body: caseEventBody,
        response: { 201: caseEventSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await cases.recordEvent(request.signedIn, request.params.id, request.body)),
  );

  app.put(
    '/api/cases/:id/workers',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Byt handläggare; 409 continuity_required om ingen som träffade familjen blir kvar (enhetschefen kan med skäl)',
        params: caseParams,
        body: workersBody,
        response: { 200: caseSchema, 409: problemSchema, 422: problemSchema, ...problems },
      },
    },
    async (request) => cases.changeWorkers(request.signedIn, request.params.id, request.body),
  );

  app.get(
    '/api/cases/:id/audit',
    { config: { access: teamLeads }, schema: { tags, summary: 'Ärendets logg: varje läsning och ändring (enhetschefen)', params: caseParams, response: { 200: z.array(auditEntrySchema), ...problems } } },
    async (request) => cases.auditLog(request.signedIn, request.params.id),
  );

  app.get(
    '/api/teams/:teamId/continuity-overrides',
    { config: { access: teamLeads }, schema: { tags, summary: 'Ärenden där enhetschefen bröt kontinuitetsregeln, med skäl', params: z.object({ teamId: uuid }), response: { 200: z.array(overrideSchema), ...problems } } },
    async (request) => cases.overrides(request.signedIn, request.params.teamId),
  );
};
