import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okResponse } from '../../contracts/auth.ts';
import { problemSchema } from '../../contracts/errors.ts';
import { codeBody, enrolBody, enrolmentSchema, recoveryCodesResponse, secondFactorStatus, secondStepBody, secondStepResponse } from '../../contracts/second-factor.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { errorsOf, type SecondFactorService } from './second-factor.service.ts';

function userOfSecondStep(app: FastifyInstance, token: string): string {
  const userId = app.secondStepToken.verify(token);
  if (!userId) throw errorsOf.expired();
  return userId;
}

const tags = ['Inloggning'];

export const secondFactorRoutes: FastifyPluginAsyncZod<{ secondFactor: SecondFactorService; auth: AuthService }> = async (app, { secondFactor, auth }) => {
  app.post(
    '/api/auth/mfa',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Andra steget: koden från appen (eller en reservkod) efter 401 mfa_required; throttlas som lösenord',
        body: secondStepBody,
        response: { 200: secondStepResponse, 400: problemSchema, 401: problemSchema, 429: problemSchema, 503: problemSchema },
      },
    },
    async (request, reply) => {
      const userId = userOfSecondStep(app, request.body.mfaToken);
      const session = await auth.completeSecondStep(userId, request.body.code, request.client.ip);
      app.sessionCookie.set(request, reply, session.token);
      app.deviceCookie.set(request, reply, session.user.email, session.device);
      return { user: session.user, ...(session.recoveryCodes ? { recoveryCodes: session.recoveryCodes } : {}) };
    },
  );

  app.post(
    '/api/auth/mfa/enrol',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Koppla en app för engångskoder under inloggningen, när rollen kräver det (401 mfa_required med enrolment)',
        body: enrolBody,
        response: { 200: enrolmentSchema, 400: problemSchema, 401: problemSchema, 409: problemSchema },
      },
    },
    async (request) => secondFactor.enrolDuringSignIn(userOfSecondStep(app, request.body.mfaToken)),
  );

  app.get(
    '/api/me/mfa',
    { config: { access: 'signed-in' }, schema: { tags, summary: 'Tvåstegsverifiering: påslagen, krävs, reservkoder kvar', response: { 200: secondFactorStatus, 401: problemSchema } } },
    async (request) => secondFactor.status(request.signedIn),
  );

  app.post(
    '/api/me/mfa/enrol',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Börja koppla en app för engångskoder (QR-kod och hemlighet)', response: { 200: enrolmentSchema, 401: problemSchema, 409: problemSchema } },
    },
    async (request) => secondFactor.enrol(request.signedIn),
  );

  app.post(
    '/api/me/mfa/confirm',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Slå på tvåstegsverifiering med appens första kod; tio reservkoder visas en gång', body: codeBody, response: { 200: recoveryCodesResponse, 400: problemSchema, 401: problemSchema, 409: problemSchema } },
    },
    async (request) => secondFactor.confirm(request.signedIn, request.body.code),
  );

  app.post(
    '/api/me/mfa/recovery-codes',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Nya reservkoder (de gamla slutar gälla), mot en kod från appen', body: codeBody, response: { 200: recoveryCodesResponse, 400: problemSchema, 401: problemSchema, 409: problemSchema } },
    },
    async (request) => secondFactor.renewRecoveryCodes(request.signedIn, request.body.code),
  );

  app.post(
    '/api/me/mfa/disable',
    {
      config: { access: 'signed-in' },
      schema: { tags, summary: 'Stäng av tvåstegsverifiering mot en kod från appen (inte för roller som kräver den)', body: codeBody, response: { 200: okResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema } },
    },
    async (request) => {
      await secondFactor.disable(request.signedIn, request.body.code);
      return { ok: true as const };
    },
  );
};
