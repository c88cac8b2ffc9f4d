import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.ts';
import { sendProblem } from './errors.ts';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

async function securityPlugin(app: FastifyInstance) {
  // The API answers JSON only: nothing may run, load or frame. Pages get their own CSP with
  // nonces from SvelteKit, which overrides this header on HTML answers. Helmet is built once
  // here (its Fastify wrapper rebuilds it on every request, which cost 4 % of a busy server).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        // https is the proxy's business; upgrading would break a demo served over plain http.
        upgradeInsecureRequests: null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    hsts: false, // set by the TLS-terminating proxy, which knows whether https is in use
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err) => done(err as Error | undefined)));

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');
    if (SAFE_METHODS.has(request.method)) return;
    // API clients authenticating with a bearer token cannot be driven by another site.
    if (request.headers.authorization?.startsWith('Bearer ')) return;
    // Our own pages' form actions reach the API in-process, after SvelteKit's origin check.
    if (request.client.viaBridge) return;

    // A browser-sent mutation must come from our own pages: cross-site forms and no-cors
    // fetches are refused before anything is read, so they cannot even log a person out.
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const ownOrigin = `${request.protocol}://${request.host}`;
    if ((origin && origin !== ownOrigin) || site === 'cross-site' || site === 'same-site') {
      return sendProblem(reply, new AppError('forbidden', 'Förfrågan kom från en annan webbplats och stoppades.'));
    }
    // JSON, a photo's own bytes or a CSV staff list: none is a type a cross-site form or a no-cors
    // fetch may send (only text/plain, urlencoded and multipart go without a preflight).
    const type = request.headers['content-type'];
    if (type !== undefined && !/^(application\/json|image\/(jpeg|png|webp)|text\/csv)\s*(;|$)/i.test(type)) {
      return sendProblem(
        reply,
        new AppError('invalid_request', 'Skicka innehållet som JSON (Content-Type: application/json).', { status: 415 }),
      );
    }
  });
}

export default fp(securityPlugin, { name: 'security' });
