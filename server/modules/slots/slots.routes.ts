import { teamLeads, teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import {
  cancelSlotBody,
  hostedQuery,
  hostedSlotSchema,
  moveSlotBody,
  seriesBody,
  seriesCreatedSchema,
  seriesStoppedSchema,
  seriesSummarySchema,
  seriesPreviewSchema,
  slotParams,
  slotSchema,
  slotsQuery,
} from '../../contracts/slots.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { SlotsService } from './slots.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Walk-and-talk'];

export const slotsRoutes: FastifyPluginAsyncZod<{ slots: SlotsService }> = async (app, { slots }) => {
  app.get(
    '/api/slots',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Verksamhetens walk-and-talk-tider (standard: de kommande åtta veckorna; högst ett år)', querystring: slotsQuery, response: { 200: z.array(slotSchema), ...problems } } },
    async (request) => slots.list(request.signedIn, request.query.organisationId, request.query.from, request.query.to),
  );

  app.get(
    '/api/slots/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'En walk-and-talk-tid', params: slotParams, response: { 200: slotSchema, ...problems } } },
    async (request) => slots.get(request.signedIn, request.params.id),
  );

  app.post(
    '/api/slot-series/preview',
    { config: { access: teamStaff }, schema: { tags, summary: 'Förhandsgranska en serie: vilka datum den får och vilka som hoppas över och varför', body: seriesBody, response: { 200: seriesPreviewSchema, ...problems } } },
    async (request) => slots.preview(request.signedIn, request.body),
  );

  app.post(
    '/api/slot-series',
    { config: { access: teamStaff }, schema: { tags, summary: 'Lägg ut en serie tider (helgdagar, lov, frånvaro och jourdagar hoppas över)', body: seriesBody, response: { 201: seriesCreatedSchema, 409: problemSchema, ...problems } } },
    async (request, reply) => reply.code(201).send(await slots.createSeries(request.signedIn, request.body)),
  );

  app.get(
    '/api/slot-series',
    { config: { access: teamStaff }, schema: { tags, summary: 'Mina serier: de jag har lagt ut eller är värd i, med hur många tider som är kvar och bokade', response: { 200: z.array(seriesSummarySchema), 401: problemSchema, 403: problemSchema } } },
    async (request) => slots.mySeries(request.signedIn),
  );

  app.post(
    '/api/slot-series/:id/stop',
    { config: { access: teamStaff }, schema: { tags, summary: 'Stoppa en serie: kommande tider ställs in med skälet, de som bokat får besked, serien slutar i dag', params: slotParams, body: cancelSlotBody, response: { 200: seriesStoppedSchema, ...problems } } },
    async (request) => slots.stopSeries(request.signedIn, request.params.id, request.body.reason),
  );

  app.post(
    '/api/slots/:id/cancel',
    { config: { access: teamStaff }, schema: { tags, summary: 'Ställ in en tid (värd eller enhetschef); bokningarna avbokas', params: slotParams, body: cancelSlotBody, response: { 200: slotSchema, ...problems } } },
    async (request) => slots.cancel(request.signedIn, request.params.id, request.body.reason),
  );

  app.post(
    '/api/slots/:id/move',
    { config: { access: teamStaff }, schema: { tags, summary: 'Flytta en tid (värd eller enhetschef); bokningarna följer med', params: slotParams, body: moveSlotBody, response: { 200: slotSchema, 409: problemSchema, ...problems } } },
    async (request) => slots.move(request.signedIn, request.params.id, request.body.startsAt),
  );

  app.get(
    '/api/me/hosted-slots',
    { config: { access: teamStaff }, schema: { tags, summary: 'Mina tider som värd med bokningar, ämnen och anteckningar, per hel dag (standard: i dag och sex dagar framåt)', querystring: hostedQuery, response: { 200: z.array(hostedSlotSchema), ...problems } } },
    async (request) => slots.hosted(request.signedIn, request.query.from, request.query.to),
  );

  app.get(
    '/api/teams/:teamId/hosted-slots',
    {
      config: { access: teamLeads },
      schema: {
        tags,
        summary: 'Alla värdars tider i teamet med bokningar, ämnen och anteckningar (enhetschefen), per hel dag (standard: i dag och sex dagar framåt)',
        params: z.object({ teamId: uuid }),
        querystring: hostedQuery,
        response: { 200: z.array(hostedSlotSchema), ...problems },
      },
    },
    async (request) => slots.teamHosted(request.signedIn, request.params.teamId, request.query.from, request.query.to),
  );
};
