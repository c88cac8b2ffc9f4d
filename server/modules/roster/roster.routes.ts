import { teamLeads, teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { rosterDayParams, rosterQuery, rosterSchema, setHolderBody, swapBody, teamParams } from '../../contracts/roster.ts';
import type { RosterService } from './roster.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Jourschema'];

export const rosterRoutes: FastifyPluginAsyncZod<{ roster: RosterService }> = async (app, { roster }) => {
  app.get(
    '/api/teams/:teamId/roster',
    { config: { access: teamStaff }, schema: { tags, summary: 'Jourschemat för en månad, med luckor', params: teamParams, querystring: rosterQuery, response: { 200: rosterSchema, ...problems } } },
    async (request) => roster.month(request.signedIn, request.params.teamId, request.query.month),
  );

  app.put(
    '/api/teams/:teamId/roster/:date',
    {
      config: { access: teamLeads },
      schema: {
        tags,
        summary: 'Sätt vem som har jourtelefonen en dag (ersätter den som stod där)',
        params: rosterDayParams,
        body: setHolderBody,
        response: { 200: okResponse, 409: problemSchema, ...problems },
      },
    },
    async (request) => {
      await roster.setHolder(request.signedIn, request.params.teamId, request.params.date, request.body.userId);
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/teams/:teamId/roster/:date',
    { config: { access: teamLeads }, schema: { tags, summary: 'Ta bort dagens innehavare', params: rosterDayParams, response: { 200: okResponse, ...problems } } },
    async (request) => {
      await roster.clearHolder(request.signedIn, request.params.teamId, request.params.date);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/teams/:teamId/roster/swap',
    {
      config: { access: teamLeads },
      schema: {
        tags,
        summary: 'Byt jourdagar mellan två personer (båda eller ingen)',
        params: teamParams,
        body: swapBody,
        response: { 200: okResponse, 409: problemSchema, ...problems },
      },
    },
    async (request) => {
      await roster.swap(request.signedIn, request.params.teamId, request.body.first, request.body.second);
      return { ok: true as const };
    },
  );
};
