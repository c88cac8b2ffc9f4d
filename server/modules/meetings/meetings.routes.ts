import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import {
  cancelMeetingBody,
  freeBusySchema,
  meetingBody,
  meetingCreatedSchema,
  meetingParams,
  meetingSchema,
  meetingsQuery,
  outcomeBody,
  outcomeSchema,
  rescheduleBody,
  scheduleBody,
} from '../../contracts/meetings.ts';
import { idempotencyHeaders } from '../../contracts/idempotency.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { MeetingsService } from './meetings.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Möten'];

export const meetingsRoutes: FastifyPluginAsyncZod<{ meetings: MeetingsService }> = async (app, { meetings }) => {
  app.post(
    '/api/meetings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Begär ett möte (rektor, elevhälsa, polis, teamet); 422 identifying_data om etiketten identifierar någon; med Idempotency-Key ger samma begäran igen samma möte, och nyckeln med en annan begäran 422',
        headers: idempotencyHeaders,
        body: meetingBody,
        response: { 201: meetingCreatedSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await meetings.request(request.signedIn, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/meetings',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Mina möten: mötena under hela dagar from–to (standard: sju dagar från i dag) och förfrågningar som väntar på tid', querystring: meetingsQuery, response: { 200: z.array(meetingSchema), ...problems } } },
    async (request) => meetings.list(request.signedIn, request.query.from, request.query.to),
  );

  app.get(
    '/api/teams/:teamId/meeting-queue',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Teamets kö av förfrågningar: brådskande först, sedan den som väntat längst (enhetschefen alla, kontaktpersonen sina verksamheters)',
        params: z.object({ teamId: uuid }),
        response: { 200: z.array(meetingSchema), ...problems },
      },
    },
    async (request) => meetings.queue(request.signedIn, request.params.teamId),
  );

  app.get(
    '/api/meetings/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Ett möte: allt för teamets personer på mötet, en sammanfattning för den som begärde det', params: meetingParams, response: { 200: meetingSchema, ...problems } } },
    async (request) => meetings.get(request.signedIn, request.params.id),
  );

  app.get(
    '/api/meetings/:id/free-busy',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ledig eller upptagen för teamets socialsekreterare vid varje föreslagen tid', params: meetingParams, response: { 200: freeBusySchema, ...problems } } },
    async (request) => meetings.freeBusy(request.signedIn, request.params.id),
  );

  app.post(
    '/api/meetings/:id/schedule',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Boka tid och socialsekreterare (anmälningsmöte: exakt två); 409 schedule_conflict',
        params: meetingParams,
        body: scheduleBody,
        response: { 200: meetingSchema, 409: problemSchema, ...problems },
      },
    },
    async (request) => meetings.schedule(request.signedIn, request.params.id, request.body),
  );

  app.post(
    '/api/meetings/:id/reschedule',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Flytta mötet (med skäl); inbjudan får ny SEQUENCE', params: meetingParams, body: rescheduleBody, response: { 200: meetingSchema, 409: problemSchema, 422: problemSchema, ...problems } } },
    async (request) => meetings.reschedule(request.signedIn, request.params.id, request.body),
  );

  app.post(
    '/api/meetings/:id/cancel',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Ställ in mötet (med skäl); inbjudan blir METHOD:CANCEL', params: meetingParams, body: cancelMeetingBody, response: { 200: meetingSchema, 422: problemSchema, ...problems } } },
    async (request) => meetings.cancel(request.signedIn, request.params.id, request.body.reason),
  );

  app.post(
    '/api/meetings/:id/outcome',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Registrera utfallet (socialsekreterare på mötet); ett genomfört anmälningsmöte öppnar ett ärende',
        params: meetingParams,
        body: outcomeBody,
        response: { 200: outcomeSchema, 422: problemSchema, ...problems },
      },
    },
    async (request) => meetings.recordOutcome(request.signedIn, request.params.id, request.body),
  );

  app.get(
    '/api/meetings/:id/calendar.ics',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Kalenderinbjudan (.ics) för socialsekreterarna och den som begärde mötet', params: meetingParams, response: { 200: z.string().meta({ description: 'text/calendar' }), ...problems } } },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="mote.ics"')
        .send(await meetings.invite(request.signedIn, request.params.id)),
  );
};
