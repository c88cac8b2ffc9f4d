import fastifyCookie from '@fastify/cookie';
import fastifyJwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE } from '../contracts/auth.ts';
import { passesGate, type Actor, type RouteAccess } from '../lib/access.ts';
import { errors } from '../lib/errors.ts';
import { accountKeyOf } from '../lib/tokens.ts';
import type { AuthService } from '../modules/auth/auth.service.ts';

export type AccessEntry = { method: string; url: string; access: RouteAccess };

const DEVICE_COOKIE_SECONDS = 180 * 24 * 3600;
const SECOND_STEP_SECONDS = 5 * 60;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (see RouteAccess); every /api route must declare it. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The signed-in actor of a route that is not public: the gate has already refused anyone else. */
    readonly signedIn: Actor;
  }
  interface FastifyInstance {
    sessionCookie: {
      set: (request: FastifyRequest, reply: FastifyReply, token: string) => void;
      clear: (request: FastifyRequest, reply: FastifyReply) => void;
    };
    /** Every /api route with who may call it, in registration order (printed into SECURITY.md). */
    accessTable: readonly AccessEntry[];
    /** The 401 mfa_required token: who gave the right password, for five minutes, and nothing else. */
    secondStepToken: {
      sign: (userId: string) => string;
      /** The user it was signed for, or null when expired, altered or another kind of token. */
      verify: (token: string) => string | null;
    };
    deviceCookie: {
      /** The device id when this browser's device cookie was issued for `email`, else null. */
      read: (request: FastifyRequest, email: string) => string | null;
      set: (request: FastifyRequest, reply: FastifyReply, email: string, device: string) => void;
    };
  }
}

// Behind https the cookie gets the __Host- prefix: Secure, Path=/ and no Domain, so no sibling
// host can set or shadow it.
function cookieNameFor(request: FastifyRequest) {
  return request.client.protocol === 'https' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

export function tokenFrom(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  // Over https only the prefixed cookie counts: a plain one can be tossed in by a sibling host.
  return request.cookies[cookieNameFor(request)];
}

type Options = { secret: string; auth: AuthService; lifetimeSeconds: number };

async function sessionPlugin(app: FastifyInstance, { secret, auth, lifetimeSeconds }: Options) {
  await app.register(fastifyCookie);
  // Verified tokens are kept (fast-jwt's LRU, keyed by the token's hash, never past its expiry):
  // the signature check is then one hash. The session row is still read on every request.
  await app.register(fastifyJwt, { secret, verify: { cache: true } });

  app.decorateRequest('actor', null);
  app.decorateRequest('signedIn', {
    getter(this: FastifyRequest) {
      if (!this.actor) throw errors.unauthenticated();
      return this.actor;
    },
  });
  const accessTable: AccessEntry[] = [];
  app.decorate('accessTable', accessTable);

  // The session and device cookies: signed, httpOnly, SameSite=Lax, Secure behind https. Max-Age,
  // not Expires: the browser counts from when the cookie arrives, so a phone whose clock is wrong
  // keeps it. For a session, its row on the server decides the real end.
  const setSignedCookie = (request: FastifyRequest, reply: FastifyReply, name: string, claims: Record<string, string>, seconds: number) =>
    reply.setCookie(name, app.jwt.sign(claims, { expiresIn: seconds }), {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.client.protocol === 'https',
      path: '/',
      maxAge: seconds,
    });

  app.decorate('sessionCookie', {
    set(request, reply, token) {
      // The session row decides expiry (idle and absolute, on the injectable clock); the JWT's
      // own lifetime is only an outer bound.
      setSignedCookie(request, reply, cookieNameFor(request), { sid: token }, lifetimeSeconds);
    },
    clear(request, reply) {
      reply.clearCookie(cookieNameFor(request), { path: '/', httpOnly: true, sameSite: 'lax', secure: request.client.protocol === 'https' });
    },
  });

  app.decorate('secondStepToken', {
    sign: (userId) => app.jwt.sign({ mfa: userId }, { expiresIn: SECOND_STEP_SECONDS }),
    verify(token) {
      try {
        const claims = app.jwt.verify(token) as { mfa?: unknown };
        return typeof claims.mfa === 'string' ? claims.mfa : null;
      } catch {
        return null;
      }
    },
  });

  // The device cookie outlives sessions and sign-outs: it only says "this browser has signed in
  // to this account before", which gives it its own allowance of wrong passwords.
  const deviceCookieName = (request: FastifyRequest) => (request.client.protocol === 'https' ? '__Host-samverkan_device' : 'samverkan_device');
  app.decorate('deviceCookie', {
    read(request, email) {
      const raw = request.cookies[deviceCookieName(request)];
      if (!raw) return null;
      try {
        const claims = app.jwt.verify(raw) as { dev?: unknown; acc?: unknown };
        return typeof claims.dev === 'string' && claims.acc === accountKeyOf(email) ? claims.dev : null;
      } catch {
        return null;
      }
    },
    set(request, reply, email, device) {
      setSignedCookie(request, reply, deviceCookieName(request), { dev: device, acc: accountKeyOf(email) }, DEVICE_COOKIE_SECONDS);
    },
  });

  /** The actor of a signed, live session, or null. */
  async function actorOf(request: FastifyRequest): Promise<Actor | null> {
    const raw = tokenFrom(request);
    if (!raw) return null;
    let sid: unknown;
    try {
      sid = (app.jwt.verify(raw) as { sid?: unknown }).sid;
    } catch {
      return null;
    }
    if (typeof sid !== 'string') return null;
    const actor = await auth.authenticate(sid);
    return actor && { ...actor, address: request.client.ip };
  }

  // Every /api route declares who may call it, or the app does not start.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.access) throw new Error(`${route.method} ${route.url} declares no access (config.access)`);
    accessTable.push({ method: String(route.method), url: route.url, access: route.config.access });
  });

  // Every request checks both the signature and that the session row is still alive, so logout
  // and revocation take effect at once. The /api tree then lets through only the callers a route
  // names, before anything is validated or looked up.
  app.addHook('onRequest', async (request) => {
    request.actor = await actorOf(request);
    if (!request.url.startsWith('/api/') || request.is404 || request.routeOptions.url?.startsWith('/api/docs')) return;
    if (passesGate(request.routeOptions.config.access ?? 'signed-in', request.actor)) return;
    throw request.actor ? errors.forbidden() : errors.unauthenticated();
  });
}

export default fp(sessionPlugin, { name: 'session' });
