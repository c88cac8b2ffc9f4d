import { existsSync } from 'node:fs';
import { IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './lib/clock.ts';
import { BRIDGE_HEADER, BRIDGE_IP_HEADER, BRIDGE_PROTO_HEADER } from './plugins/client.ts';

export const WEB_BUILD_DIR = path.resolve(import.meta.dirname, '..', 'web', 'build');

// Page forms send a few kilobytes; only the profile page's photo form sends more.
const PAGE_FORM_LIMIT = 256 * 1024;
const PHOTO_FORM_LIMIT = 9 * 1024 * 1024;
const FORM_TOO_LARGE = 'Formuläret är större än något formulär här behöver och skickades inte. Gå tillbaka och försök igen.';

type KitHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** What SvelteKit's handleFetch calls: an /api request answered in-process, no socket. */
export type ApiBridge = (request: Request, client: { protocol: string; ip: string }) => Promise<Response>;

/** What the pages get from the app: its API in-process, and its clock, so "today" is the API's today. */
export type WebBridge = { api: ApiBridge; now: () => Date };

declare global {
  // Kit's SSR bundle has its own module instances, so the bridge travels through globalThis.
  var __samverkan: WebBridge | undefined;
}

function makeBridge(app: FastifyInstance, secret: Buffer): ApiBridge {
  const secretHex = secret.toString('hex');
  return async (request, client) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    headers[BRIDGE_HEADER] = secretHex;
    headers[BRIDGE_PROTO_HEADER] = client.protocol;
    headers[BRIDGE_IP_HEADER] = client.ip;
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(await request.arrayBuffer());
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(body && body.length ? { payload: body } : {}),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(res.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [String(value)]) out.append(key, v);
    }
    return new Response(res.statusCode === 204 || res.statusCode === 304 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers: out });
  };
}

/** Mounts the built SvelteKit app (adapter-node) on every path that is not /api. */
export async function mountWeb(app: FastifyInstance, secret: Buffer, clock: Clock, buildDir = WEB_BUILD_DIR) {
  const handlerFile = path.join(buildDir, 'handler.js');
  if (!existsSync(handlerFile)) {
    throw new Error(`Webbappen är inte byggd (${handlerFile} saknas). Kör "npm run build" först.`);
  }
  // adapter-node reads these once, when its handler is imported. The values are written by
  // the mount below from Fastify's own view of the request, never taken from the client.
  process.env.KIT_PROTOCOL_HEADER = BRIDGE_PROTO_HEADER;
  process.env.KIT_ADDRESS_HEADER = BRIDGE_IP_HEADER;
  // A phone photo (at most 8 MB, see lib/photos.ts) arrives through the profile page's form;
  // adapter-node's default of 512 kB would refuse most of them before the form action runs.
  process.env.KIT_BODY_SIZE_LIMIT ??= '9M';
  globalThis.__samverkan = { api: makeBridge(app, secret), now: () => clock.now() };
  const { handler } = (await import(pathToFileURL(handlerFile).href)) as { handler: KitHandler };

  await app.register(async (scope) => {
    // Page forms are read here, counting the bytes that actually arrive (a chunked post declares
    // no length), and stopped at the limit with 413; SvelteKit then reads a replay of the body.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.setErrorHandler((err: FastifyError, _request, reply) => {
      const tooLarge = err.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
      reply
        .code(tooLarge ? 413 : (err.statusCode ?? 400))
        .header('connection', 'close')
        .type('text/plain; charset=utf-8')
        .send(tooLarge ? FORM_TOO_LARGE : 'Förfrågan kunde inte läsas. Gå tillbaka och försök igen.');
    });
    const toKit = (request: FastifyRequest, reply: FastifyReply) => {
      request.raw.headers[BRIDGE_PROTO_HEADER] = request.client.protocol;
      request.raw.headers[BRIDGE_IP_HEADER] = request.client.ip;
      reply.hijack();
      handler(replayOf(request.raw, request.body as Buffer | undefined), reply.raw, () => {
        reply.raw.statusCode = 404;
        reply.raw.end('Sidan finns inte.');
      });
    };
    scope.all('/*', { schema: { hide: true }, bodyLimit: PAGE_FORM_LIMIT }, toKit);
    // A phone photo (at most 8 MB, see lib/photos.ts) arrives through the profile page's form.
    scope.post('/franvaro-och-profil', { schema: { hide: true }, bodyLimit: PHOTO_FORM_LIMIT }, toKit);
  });
}

/** The request as SvelteKit should read it: with the body Fastify has already read and counted. */
function replayOf(req: IncomingMessage, body: Buffer | undefined): IncomingMessage {
  if (body === undefined) return req;
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  const { 'transfer-encoding': _chunked, ...headers } = req.headers;
  copy.headers = { ...headers, 'content-length': String(body.length) };
  // Complete, as the parser would mark it: otherwise ending the copy counts as an aborted
  // request and takes the socket down with it.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}
