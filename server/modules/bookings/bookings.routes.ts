import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { attendanceBody, bookingBody, bookingParams, bookingSchema, bookingsQuery, cancelBookingBody, moveBookingBody, myBookingSchema } from '../../contracts/bookings.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { idempotencyHeaders } from '../../contracts/idempotency.ts';
import { slotParams } from '../../contracts/slots.ts';
import { z } from '../../contracts/zod.ts';
import type { BookingsService } from './bookings.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Walk-and-talk'];

export const bookingsRoutes: FastifyPluginAsyncZod<{ bookings: BookingsService }> = async (app, { bookings }) => {
  app.post(
    '/api/slots/:id/bookings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Boka en plats (personal på verksamheten); 409 slot_taken med lediga tider, 422 identifying_data; med Idempotency-Key ger samma begäran igen samma bokning, och nyckeln med en annan begäran 422',
        params: slotParams,
        headers: idempotencyHeaders,
        body: bookingBody,
        response: { 201: bookingSchema, 409: problemSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await bookings.book(request.signedIn, request.params.id, request.body, request.headers['idempotency-key'])),
  );

  app.get(
    '/api/bookings',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Mina bokningar: kommande och den senaste månaden', querystring: bookingsQuery, response: { 200: z.array(myBookingSchema), ...problems } } },
    async (request) => bookings.mine(request.signedIn),
  );

  app.get(
    '/api/bookings/:id',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'En bokning (den som bokade, värdarna, enhetschefen)', params: bookingParams, response: { 200: myBookingSchema, ...problems } } },
    async (request) => bookings.get(request.signedIn, request.params.id),
  );

  app.post(
    '/api/bookings/:id/cancel',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Avboka (den som bokade, värd eller enhetschef); platsen blir ledig direkt', params: bookingParams, body: cancelBookingBody, response: { 200: myBookingSchema, 422: problemSchema, ...problems } } },
    async (request) => bookings.cancel(request.signedIn, request.params.id, request.body.reason),
  );

  app.post(
    '/api/bookings/:id/move',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Flytta bokningen till en annan ledig tid (allt eller inget)', params: bookingParams, body: moveBookingBody, response: { 200: myBookingSchema, 409: problemSchema, ...problems } } },
    async (request) => bookings.move(request.signedIn, request.params.id, request.body.slotId),
  );

  app.post(
    '/api/bookings/:id/attendance',
    { config: { access: teamStaff }, schema: { tags, summary: 'Markera genomförd eller uteblev (värd eller enhetschef)', params: bookingParams, body: attendanceBody, response: { 200: myBookingSchema, ...problems } } },
    async (request) => bookings.markAttendance(request.signedIn, request.params.id, request.body.status),
  );

  app.get(
    '/api/bookings/:id/calendar.ics',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Kalenderinbjudan (.ics) för den som bokade och värdarna',
        params: bookingParams,
        response: { 200: z.string().meta({ description: 'text/calendar' }), ...problems },
      },
    },
    async (request, reply) =>
      reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="walk-and-talk.ics"')
        .send(await bookings.invite(request.signedIn, request.params.id)),
  );
};
