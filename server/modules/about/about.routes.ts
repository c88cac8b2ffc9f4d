import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { aboutSchema } from '../../contracts/about.ts';

export const aboutRoutes: FastifyPluginAsyncZod<{ about: { contact: string } }> = async (app, { about }) => {
  app.get(
    '/api/about',
    { config: { access: 'public' }, schema: { tags: ['Om tjänsten'], summary: 'Om tjänsten: vart brister i tillgängligheten rapporteras (tillgänglighetsredogörelsen)', response: { 200: aboutSchema } } },
    async () => ({ accessibilityContact: about.contact }),
  );
};
