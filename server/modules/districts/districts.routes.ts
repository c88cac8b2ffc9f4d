import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { adminOrganisationSchema, adminOrganisationsQuery, districtBody, districtSchema, organisationBody, organisationParams, organisationPatch } from '../../contracts/organisations.ts';
import { IMPORT_LIMIT, importResult, organisationsImportQuery } from '../../contracts/imports.ts';
import { z } from '../../contracts/zod.ts';
import { administrators, districtAdministrators } from '../../lib/access.ts';
import { acceptCsv } from '../../lib/csv-body.ts';
import type { Services } from '../registry.ts';

const created = z.object({ id: z.string() });
const refusals = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 422: problemSchema };

export const districtsRoutes: FastifyPluginAsyncZod<{ districts: Services['districts'] }> = async (app, { districts }) => {
  const tags = ['Administration'];
  acceptCsv(app);
  app.post(
    '/api/admin/import/organisations',
    {
      config: { access: districtAdministrators },
      schema: {
        tags,
        summary: 'Läs in en stadsdels verksamheter (CSV: name, kind, parent, team, sections med | mellan avdelningarna). Med dryRun=true, eller när någon rad är fel, skrivs inget',
        querystring: organisationsImportQuery,
        consumes: ['text/csv'],
        body: z.string().max(IMPORT_LIMIT),
        response: { 200: importResult, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 413: problemSchema, 415: problemSchema },
      },
    },
    async (request) => districts.importOrganisations(request.signedIn, request.query.districtId, request.body, request.query.dryRun === 'true'),
  );
  app.get('/api/admin/districts', { config: { access: districtAdministrators }, schema: { tags, summary: 'Stadsdelarna', response: { 200: z.array(districtSchema), 401: problemSchema, 403: problemSchema } } }, async (request) =>
    districts.listDistricts(request.signedIn),
  );
  app.post('/api/admin/districts', { config: { access: administrators }, schema: { tags, summary: 'Lägg upp en stadsdel', body: districtBody, response: { 201: created, ...refusals } } }, async (request, reply) =>
    reply.code(201).send(await districts.createDistrict(request.signedIn, request.body.name)),
  );
  app.get(
    '/api/admin/organisations',
    { config: { access: districtAdministrators }, schema: { tags, summary: 'Alla verksamheter (arkiverade också), med avdelningar', querystring: adminOrganisationsQuery, response: { 200: z.array(adminOrganisationSchema), 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema } } },
    async (request) => districts.listOrganisations(request.signedIn, request.query.districtId),
  );
  app.post(
    '/api/admin/organisations',
    { config: { access: districtAdministrators }, schema: { tags, summary: 'Lägg upp en verksamhet i en stadsdel, med avdelningar', body: organisationBody, response: { 201: created, ...refusals } } },
    async (request, reply) => reply.code(201).send(await districts.createOrganisation(request.signedIn, request.body)),
  );
  app.patch(
    '/api/admin/organisations/:id',
    { config: { access: districtAdministrators }, schema: { tags, summary: 'Byt namn på en verksamhet eller team som betjänar den', params: organisationParams, body: organisationPatch, response: { 200: okResponse, 404: problemSchema, ...refusals } } },
    async (request) => {
      await districts.updateOrganisation(request.signedIn, request.params.id, request.body);
      return { ok: true as const };
    },
  );
  app.post(
    '/api/admin/organisations/:id/archive',
    { config: { access: districtAdministrators }, schema: { tags, summary: 'Arkivera en verksamhet (den tas aldrig bort)', params: organisationParams, response: { 200: okResponse, 404: problemSchema, ...refusals } } },
    async (request) => {
      await districts.archiveOrganisation(request.signedIn, request.params.id);
      return { ok: true as const };
    },
  );
};
