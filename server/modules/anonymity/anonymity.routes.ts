import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problemSchema } from '../../contracts/errors.ts';
import { z } from '../../contracts/zod.ts';
import { describeFindings, findIdentifyingData } from '../../contracts/anonymity.ts';

const checkBody = z.object({ text: z.string().max(5000, { message: 'Texten är för lång.' }) }).strict();
const checkAnswer = z.object({ identifying: z.boolean(), message: z.string().nullable() }).meta({ id: 'AnonymityCheck' });

// The pages warn while a person types; the same guard refuses the text when it is saved. Nothing
// is stored or logged here.
export const anonymityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/anonymity/check',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Anonymitet'],
        summary: 'Ser texten ut att identifiera någon? (samma kontroll som när texten sparas)',
        body: checkBody,
        response: { 200: checkAnswer, 400: problemSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const findings = findIdentifyingData(request.body.text);
      return { identifying: findings.length > 0, message: findings.length ? describeFindings(findings) : null };
    },
  );
};
