import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { passwordResetBody, setPasswordBody } from '../../contracts/accounts.ts';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { z } from '../../contracts/zod.ts';
import type { AccountsService } from './accounts.service.ts';

// Per address and copy of the app, on top of the per-person limit in the service. Generous: a
// whole school, or a whole city hall behind one address, may choose passwords the same morning
// after an invitation; a made-up link costs one indexed read and no argon2.
const linkLimit = { max: 100, timeWindow: 15 * 60_000 };

export const accountsRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService }> = async (app, { accounts }) => {
  app.post(
    '/api/auth/password-reset',
    {
      config: { access: 'public', rateLimit: linkLimit },
      schema: {
        tags: ['Inloggning'],
        summary: 'Glömt lösenordet: ett brev med en engångslänk (30 minuter), samma svar vare sig adressen finns eller inte',
        body: passwordResetBody,
        response: { 202: z.object({ ok: z.literal(true) }), 400: problemSchema, 429: problemSchema },
      },
    },
    async (request, reply) => {
      await accounts.requestReset(request.body.email);
      return reply.code(202).send({ ok: true as const });
    },
  );

  app.post(
    '/api/auth/set-password',
    {
      config: { access: 'public', rateLimit: linkLimit },
      schema: {
        tags: ['Inloggning'],
        summary: 'Välj lösenord med en engångslänk (inbjudan eller återställning); alla sessioner avslutas',
        body: setPasswordBody,
        response: { 200: okResponse, 400: problemSchema, 410: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      await accounts.setPassword(request.body);
      return { ok: true as const };
    },
  );
};
