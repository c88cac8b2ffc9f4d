import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { figureScopeSchema, figuresQuery, figuresSchema } from '../../contracts/figures.ts';
import { z } from '../../contracts/zod.ts';
import type { Role } from '../../contracts/auth.ts';
import { figuresCsv } from './figures.csv.ts';
import type { FiguresService } from './figures.service.ts';

// The team, the principal of an organisation, a district's administrator and the administrator.
const readers: readonly Role[] = ['team_lead', 'social_worker', 'principal', 'district_admin', 'admin'];
const tags = ['Uppföljning'];
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export const figuresRoutes: FastifyPluginAsyncZod<{ figures: FiguresService }> = async (app, { figures }) => {
  app.get(
    '/api/figures',
    { config: { access: readers }, schema: { tags, summary: 'Uppföljningens siffror för en period (högst fem år): ett team, en stadsdel eller en verksamhet; tal under 5 visas som "<5"', querystring: figuresQuery, response: { 200: figuresSchema, ...problems } } },
    async (request) => figures.figures(request.signedIn, request.query),
  );

  app.get(
    '/api/figures/scopes',
    { config: { access: readers }, schema: { tags, summary: 'Det du kan välja siffror för: dina stadsdelar, team och verksamheter', response: { 200: z.array(figureScopeSchema), 401: problemSchema, 403: problemSchema } } },
    async (request) => figures.scopes(request.signedIn),
  );

  app.get(
    '/api/figures.csv',
    { config: { access: readers }, schema: { tags, summary: 'Samma siffror som CSV för Excel (semikolon, UTF-8 med BOM)', querystring: figuresQuery, produces: ['text/csv'], response: { 200: z.string(), ...problems } } },
    async (request, reply) => {
      const result = await figures.figures(request.signedIn, request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="uppfoljning-${result.from}-${result.to}.csv"`)
        .send(figuresCsv(result));
    },
  );
};
