import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../lib/errors.ts';
import { authMethodsSchema } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { safeNext } from '../../contracts/safe-next.ts';
import { z } from '../../contracts/zod.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { CitySignInRefused } from './city-sign-in.errors.ts';
import type { CitySignInService, Pending } from './city-sign-in.service.ts';

const PENDING_COOKIE = 'samverkan_oidc';
const PENDING_SECONDS = 10 * 60;
const PATH = '/api/auth/oidc';

// What the sign-in page says for each refusal (web: login.city.<reason>).
const refusalParam = { not_registered: 'okand', failed: 'misslyckades', unavailable: 'ej-tillganglig' } as const;

export const citySignInRoutes: FastifyPluginAsyncZod<{ citySignIn: CitySignInService; auth: AuthService }> = async (app, { citySignIn, auth }) => {
  app.get(
    '/api/auth/methods',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Sätten att logga in här: e-post och lösenord, och stadens konto när det är inställt',
        response: { 200: authMethodsSchema },
      },
    },
    async () => ({ password: true as const, city: citySignIn.enabled }),
  );

  app.get(
    `${PATH}/login`,
    {
      config: { access: 'public' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Logga in med stadens konto: 302 till stadens inloggning (OpenID Connect), eller till inloggningssidan när den inte svarar',
        querystring: z.object({ next: z.string().max(2000).optional() }).strict(),
        response: { 302: z.null(), 404: problemSchema },
      },
    },
    async (request, reply) => {
      // A person followed a link: when the provider does not answer, the sign-in page says so.
      const started = await citySignIn.start(safeNext(request.query.next)).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'unavailable') return null;
        throw err;
      });
      if (!started) return reply.redirect(`/login?stadens-konto=${refusalParam.unavailable}`, 302);
      const { url, pending } = started;
      reply.setCookie(PENDING_COOKIE, app.jwt.sign({ oidc: pending }, { expiresIn: PENDING_SECONDS }), {
        httpOnly: true,
        // Lax: the provider sends the browser back with a top-level GET, which carries it.
        sameSite: 'lax',
        secure: request.client.protocol === 'https',
        path: PATH,
        maxAge: PENDING_SECONDS,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    `${PATH}/callback`,
    {
      config: { access: 'public' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Stadens inloggning skickar tillbaka hit: en session och 302 dit personen skulle, annars 302 till inloggningssidan med orsaken',
        response: { 302: z.null() },
      },
    },
    async (request, reply) => {
      // The pending cookie is spent at once: the same answer cannot be brought back twice.
      const raw = request.cookies[PENDING_COOKIE];
      reply.clearCookie(PENDING_COOKIE, { path: PATH, httpOnly: true, sameSite: 'lax', secure: request.client.protocol === 'https' });
      const refuse = (reason: keyof typeof refusalParam, cause?: unknown) => {
        request.log.warn({ citySignIn: reason, cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : undefined }, 'city sign-in refused');
        return reply.redirect(`/login?stadens-konto=${refusalParam[reason]}`, 302);
      };
      let pending: Pending | undefined;
      try {
        pending = raw ? (app.jwt.verify(raw) as { oidc?: Pending }).oidc : undefined;
      } catch {
        pending = undefined;
      }
      if (!pending) return refuse('failed');
      const search = request.url.slice(request.url.indexOf('?') >= 0 ? request.url.indexOf('?') : request.url.length);
      try {
        const userId = await citySignIn.finish(search, pending);
        const session = await auth.startSession(userId);
        app.sessionCookie.set(request, reply, session.token);
        return reply.redirect(safeNext(pending.next), 302);
      } catch (err) {
        if (err instanceof CitySignInRefused) return refuse(err.reason, err.cause);
        throw err;
      }
    },
  );
};
