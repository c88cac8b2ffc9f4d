import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loginBody, loginResponse, meSchema, okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { authErrors } from './auth.errors.ts';
import type { AuthService } from './auth.service.ts';

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Logga in med e-post och lösenord; 401 mfa_required (med mfaToken) när ett andra steg behövs',
        body: loginBody,
        response: { 200: loginResponse, 400: problemSchema, 401: problemSchema, 429: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const session = await auth.login(request.body, request.client.ip, app.deviceCookie.read(request, request.body.email));
      if (session.kind === 'second_step') throw authErrors.secondStep(app.secondStepToken.sign(session.userId), session.enrolment);
      app.sessionCookie.set(request, reply, session.token);
      app.deviceCookie.set(request, reply, request.body.email, session.device);
      return { user: session.user };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Logga ut (sessionen upphör direkt)',
        response: { 200: okResponse, 401: problemSchema },
      },
    },
    async (request, reply) => {
      await auth.logout(request.signedIn);
      app.sessionCookie.clear(request, reply);
      return { ok: true as const };
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['Inloggning'],
        summary: 'Den inloggade personen och hens medlemskap',
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    async (request) => auth.me(request.signedIn),
  );
};
