import { teamStaff } from '../../lib/access.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { cancelSeriesBody, meetingSeriesBody, meetingSeriesCreatedSchema, meetingSeriesPreviewSchema, meetingSeriesSchema } from '../../contracts/meeting-series.ts';
import { uuid } from '../../contracts/text.ts';
import { z } from '../../contracts/zod.ts';
import type { MeetingSeriesService } from './meeting-series.service.ts';

const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const tags = ['Möten'];

export const meetingSeriesRoutes: FastifyPluginAsyncZod<{ meetingSeries: MeetingSeriesService }> = async (app, { meetingSeries: series }) => {
  app.post(
    '/api/meeting-series/preview',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Förhandsgranska en mötesserie (samverkan med polisen, APT-besök): datumen och de som hoppas över, med skäl',
        body: meetingSeriesBody,
        response: { 200: meetingSeriesPreviewSchema, 422: problemSchema, ...problems },
      },
    },
    async (request) => series.preview(request.signedIn, request.body),
  );

  app.post(
    '/api/meeting-series',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Planera en mötesserie: varje datum blir ett bokat möte med samma socialsekreterare; 409 schedule_conflict om någon hann bokas',
        body: meetingSeriesBody,
        response: { 201: meetingSeriesCreatedSchema, 409: problemSchema, 422: problemSchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await series.create(request.signedIn, request.body)),
  );

  app.get(
    '/api/meeting-series',
    { config: { access: teamStaff }, schema: { tags, summary: 'Teamets mötesserier med kommande möten', response: { 200: z.array(meetingSeriesSchema), ...problems } } },
    async (request) => series.list(request.signedIn),
  );

  app.post(
    '/api/meeting-series/:id/cancel',
    {
      config: { access: teamStaff },
      schema: {
        tags,
        summary: 'Ställ in serien: alla kommande möten ställs in med skälet (inbjudan får METHOD:CANCEL)',
        params: z.object({ id: uuid }),
        body: cancelSeriesBody,
        response: { 200: z.object({ cancelled: z.number() }), 422: problemSchema, ...problems },
      },
    },
    async (request) => series.cancel(request.signedIn, request.params.id, request.body.reason),
  );
};
