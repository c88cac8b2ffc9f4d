import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from '../../contracts/zod.ts';
import { contactSchema, organisationParams, reachQuery, reachSchema } from '../../contracts/contacts.ts';
import { problemSchema } from '../../contracts/errors.ts';
import type { ContactsService } from './contacts.service.ts';

export const contactsRoutes: FastifyPluginAsyncZod<{ contacts: ContactsService }> = async (app, { contacts }) => {
  app.get(
    '/api/organisations/:id/contacts',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Kontaktpersoner'],
        summary: 'Verksamhetens utsedda kontaktpersoner och deras status just nu',
        params: organisationParams,
        response: { 200: z.array(contactSchema), 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => contacts.listContacts(request.signedIn, request.params.id),
  );

  app.get(
    '/api/organisations/:id/reach',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Kontaktpersoner'],
        summary: 'Nå någon nu: vägarna till teamet i ordning, aldrig tom, 112 sist',
        params: organisationParams,
        querystring: reachQuery,
        response: { 200: reachSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema },
      },
    },
    async (request) => contacts.reach(request.signedIn, request.params.id, request.query.at ? new Date(request.query.at) : undefined),
  );
};
