import { administrators, teamLeads, teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { teamParams } from '../../contracts/roster.ts';
import { closedDayBody, closedDayParams, closedDaySchema, teamSettingsBody, teamSettingsSchema } from '../../contracts/team.ts';
import { z } from '../../contracts/zod.ts';
import type { SettingsService } from './settings.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const settingsRoutes: FastifyPluginAsyncZod<{ settings: SettingsService }> = async (app, { settings }) => {
  const tags = ['Inställningar'];
  app.get(
    '/api/teams/:teamId/settings',
    { config: { access: teamStaff }, schema: { tags, summary: 'Teamets kontorstider, jourtelefon och socialjour', params: teamParams, response: { 200: teamSettingsSchema, ...problems } } },
    async (request) => settings.team(request.signedIn, request.params.teamId),
  );
  app.put(
    '/api/teams/:teamId/settings',
    { config: { access: teamLeads }, schema: { tags, summary: 'Ändra kontorstider och nummer', params: teamParams, body: teamSettingsBody, response: { 200: teamSettingsSchema, ...problems } } },
    async (request) => settings.saveTeam(request.signedIn, request.params.teamId, request.body),
  );
  app.get(
    '/api/closed-days',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Extra stängda dagar (utöver helgdagar)', response: { 200: z.array(closedDaySchema), ...problems } } },
    async (request) => settings.closedDays(request.signedIn),
  );
  app.post(
    '/api/closed-days',
    { config: { access: administrators }, schema: { tags, summary: 'Lägg till en stängd dag (systemförvaltare)', body: closedDayBody, response: { 201: okResponse, ...problems } } },
    async (request, reply) => {
      await settings.addClosedDay(request.signedIn, request.body.day, request.body.name);
      return reply.code(201).send({ ok: true as const });
    },
  );
  app.delete(
    '/api/closed-days/:day',
    { config: { access: administrators }, schema: { tags, summary: 'Ta bort en stängd dag (systemförvaltare)', params: closedDayParams, response: { 200: okResponse, ...problems } } },
    async (request) => {
      await settings.removeClosedDay(request.signedIn, request.params.day);
      return { ok: true as const };
    },
  );
};
