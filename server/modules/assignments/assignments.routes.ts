import { teamLeads, teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { teamParams } from '../../contracts/roster.ts';
import { assignmentBody, contactCandidateSchema, coverageSchema, endAssignmentBody, idParams } from '../../contracts/team.ts';
import { z } from '../../contracts/zod.ts';
import type { AssignmentsService } from './assignments.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Kontaktpersoner'];

export const assignmentsRoutes: FastifyPluginAsyncZod<{ assignments: AssignmentsService }> = async (app, { assignments }) => {
  app.get(
    '/api/teams/:teamId/coverage',
    { config: { access: teamStaff }, schema: { tags, summary: 'Vilka verksamheter och stadier som har kontaktperson, med historik', params: teamParams, response: { 200: coverageSchema, ...problems } } },
    async (request) => assignments.coverage(request.signedIn, request.params.teamId),
  );
  app.get(
    '/api/teams/:teamId/contact-candidates',
    {
      config: { access: teamLeads },
      schema: { tags, summary: 'Vilka enhetschefen kan utse till kontaktperson: teamets socialsekreterare och personal i andra enheter inom socialtjänsten i stadsdelen', params: teamParams, response: { 200: z.array(contactCandidateSchema), ...problems } },
    },
    async (request) => assignments.candidates(request.signedIn, request.params.teamId),
  );
  app.post(
    '/api/contact-assignments',
    { config: { access: teamLeads }, schema: { tags, summary: 'Utse en kontaktperson för en period', body: assignmentBody, response: { 201: z.object({ id: z.string() }), ...problems } } },
    async (request, reply) => reply.code(201).send({ id: await assignments.assign(request.signedIn, request.body) }),
  );
  app.post(
    '/api/contact-assignments/:id/end',
    { config: { access: teamLeads }, schema: { tags, summary: 'Avsluta ett uppdrag som kontaktperson (historiken sparas)', params: idParams, body: endAssignmentBody, response: { 200: okResponse, ...problems } } },
    async (request) => {
      await assignments.end(request.signedIn, request.params.id, request.body.endsOn);
      return { ok: true as const };
    },
  );
};
