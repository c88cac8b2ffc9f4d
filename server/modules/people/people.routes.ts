import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { createPersonBody, peopleQuery, personParams, personSchema } from '../../contracts/people.ts';
import { IMPORT_LIMIT, importQuery, importResult } from '../../contracts/imports.ts';
import { z } from '../../contracts/zod.ts';
import { acceptCsv } from '../../lib/csv-body.ts';
import { districtAdministrators } from '../../lib/access.ts';
import type { Services } from '../registry.ts';

export const peopleRoutes: FastifyPluginAsyncZod<{ people: Services['people'] }> = async (app, { people }) => {
  acceptCsv(app);

  app.post(
    '/api/admin/import',
    {
      config: { access: districtAdministrators },
      schema: {
        tags: ['Administration'],
        summary: 'Läs in en personallista (CSV: name, email, role, organisation, section, phone). Med dryRun=true, eller när någon rad är fel, skrivs inget',
        querystring: importQuery,
        consumes: ['text/csv'],
        body: z.string().max(IMPORT_LIMIT),
        response: { 200: importResult, 400: problemSchema, 401: problemSchema, 403: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request) => people.importStaff(request.signedIn, request.body, request.query.dryRun === 'true'),
  );

  app.get(
    '/api/admin/users',
    {
      config: { access: districtAdministrators },
      schema: { tags: ['Administration'], summary: 'Personer vars namn eller e-post innehåller sökningen (högst 50)', querystring: peopleQuery, response: { 200: z.array(personSchema), 400: problemSchema, 401: problemSchema, 403: problemSchema } },
    },
    async (request) => people.search(request.signedIn, request.query.q),
  );

  app.post(
    '/api/admin/users',
    {
      config: { access: districtAdministrators },
      schema: {
        tags: ['Administration'],
        summary: 'Lägg upp en person med verksamheter och roller; hen får en inbjudan med en engångslänk (7 dagar) att välja lösenord',
        body: createPersonBody,
        response: { 201: z.object({ id: z.string() }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await people.create(request.signedIn, request.body)),
  );

  app.post(
    '/api/admin/users/:id/invite',
    {
      config: { access: districtAdministrators },
      schema: {
        tags: ['Administration'],
        summary: 'Skicka en ny inbjudan med en ny engångslänk (7 dagar) att välja lösenord',
        params: personParams,
        response: { 200: okResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      await people.reinvite(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(
      `/api/admin/users/:id/${action}`,
      {
        config: { access: districtAdministrators },
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

  app.post(
    '/api/admin/users/:id/second-factor/reset',
    {
      config: { access: districtAdministrators },
      schema: {
        tags: ['Administration'],
        summary: 'Nollställ tvåstegsverifieringen (tappad telefon och reservkoder): personen kopplar en ny app vid nästa inloggning',
        params: personParams,
        response: { 200: okResponse, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      await people.resetSecondFactor(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );
};
