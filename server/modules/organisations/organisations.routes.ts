import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { organisationListSchema } from '../../contracts/organisations.ts';
import type { OrganisationsService } from './organisations.service.ts';

export const organisationsRoutes: FastifyPluginAsyncZod<{ organisations: OrganisationsService }> = async (app, { organisations }) => {
  app.get(
    '/api/organisations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Verksamheter'],
        summary: 'Verksamheter du har tillgång till, med stadier och avdelningar',
        response: { 200: organisationListSchema, 401: problemSchema },
      },
    },
    async (request) => organisations.listVisible(request.signedIn),
  );
};
