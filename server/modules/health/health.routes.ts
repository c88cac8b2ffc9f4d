import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { healthSchema } from '../../contracts/health.ts';

export const healthRoutes: FastifyPluginAsyncZod<{ health: { ping: () => Promise<void> } }> = async (app, { health: { ping } }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Drift'],
        summary: 'Lever tjänsten och når den databasen?',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      try {
        await ping();
        return { status: 'ok' as const, db: 'ok' as const };
      } catch {
        return reply.code(503).send({ status: 'degraded' as const, db: 'down' as const });
      }
    },
  );
};
