import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { createPersonBody, peopleQuery, personParams, personSchema } from '../../contracts/people.ts';
import { z } from '../../contracts/zod.ts';
import { administrators } from '../../lib/access.ts';
import type { PeopleService } from './people.service.ts';

export const peopleRoutes: FastifyPluginAsyncZod<{ people: PeopleService }> = async (app, { people }) => {
  app.get(
    '/api/admin/users',
    {
      config: { access: administrators },
      schema: { tags: ['Administration'], summary: 'Personer vars namn eller e-post innehåller sökningen (högst 50)', querystring: peopleQuery, response: { 200: z.array(personSchema), 400: problemSchema, 401: problemSchema, 403: problemSchema } },
    },
    async (request) => people.search(request.signedIn, request.query.q),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: administrators },
      schema: {
        tags: ['Administration'],
        summary: 'Lägg upp en person med verksamheter och roller; hen får en inbjudan med en engångslänk (7 dagar) att välja lösenord',
        body: createPersonBody,
        response: { 201: z.object({ id: z.string() }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await people.create(request.signedIn, request.body)),
  );

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(
      `/api/admin/users/:id/${action}`,
      {
        config: { access: administrators },
        schema: {
          tags: ['Administration'],
          summary: disabled ? 'Stäng av ett konto: alla sessioner upphör direkt' : 'Öppna ett avstängt konto igen',
          params: personParams,
          response: { 200: okResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
        },
      },
      async (request) => {
        await people.setDisabled(request.signedIn, request.params.id, disabled);
        return { ok: true as const };
      },
    );
  }
};
