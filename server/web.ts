import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from './lib/clock.ts';
import { BRIDGE_HEADER, BRIDGE_IP_HEADER, BRIDGE_PROTO_HEADER } from './plugins/client.ts';

export const WEB_BUILD_DIR = path.resolve(import.meta.dirname, '..', 'web', 'build');

// Page forms send a few kilobytes; only the profile page's photo form and the import forms send more.
const PAGE_FORM_LIMIT = 256 * 1024;
const PHOTO_FORM_LIMIT = 9 * 1024 * 1024;
const IMPORT_FORM_LIMIT = 3 * 1024 * 1024;
const FORM_TOO_LARGE = 'Formuläret är större än något formulär här behöver och skickades inte. Gå tillbaka och försök igen.';

/** What SvelteKit's handleFetch calls: an /api request answered in-process, no socket. */
export type ApiBridge = (request: Request, client: { protocol: string; ip: string }) => Promise<Response>;


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

type KitServer = {
  init(options: { env: Record<string, string>; read?: (file: string) => ReadableStream }): Promise<void>;
  respond(request: Request, options: { platform: App.Platform; getClientAddress: () => string }): Promise<Response>;
};

// Headers that describe the connection, not the request: SvelteKit gets the body whole.
const HOP_HEADERS: ReadonlySet<string> = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'expect']);

/**
 * Mounts the built SvelteKit app on every path that is not /api: its client files through
 * @fastify/static, its pages through Kit's own server, given the request as Fastify read and
 * counted it, and the app's API and clock as its platform (no environment variables, no globals).
 */
export async function mountWeb(app: FastifyInstance, secret: Buffer, clock: Clock, buildDir = WEB_BUILD_DIR) {
  const serverFile = path.join(buildDir, 'server', 'index.js');
  if (!existsSync(serverFile)) {
    throw new Error(`Webbappen är inte byggd (${serverFile} saknas). Kör "npm run build" först.`);
  }
  const { Server } = (await import(pathToFileURL(serverFile).href)) as { Server: new (manifest: unknown) => KitServer };
  const { manifest } = (await import(pathToFileURL(path.join(buildDir, 'server', 'manifest.js')).href)) as { manifest: unknown };
  const clientDir = path.join(buildDir, 'client');
  const kit = new Server(manifest);
  await kit.init({ env: {}, read: (file) => Readable.toWeb(createReadStream(path.join(clientDir, file))) as ReadableStream });
  const bridge = { api: makeBridge(app, secret), now: () => clock.now() };

  await app.register(async (scope) => {
    // The client's files, each its own route (no wildcard, so every other path reaches Kit), in
    // the br or gzip form the build wrote when the browser takes it.
    await scope.register(fastifyStatic, {
      root: clientDir,
      wildcard: false,
      preCompressed: true,
      decorateReply: false,
      schemaHide: true,
      cacheControl: false,
      setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate'),
    });

    // Page forms are read here, counting the bytes that actually arrive (a chunked post declares
    // no length), and stopped at the limit with 413.
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
    const toKit = async (request: FastifyRequest, reply: FastifyReply) => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value === undefined || HOP_HEADERS.has(key)) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
      }
      const body = request.body as Buffer | undefined;
      // The protocol and address are Fastify's view (trustProxy decides), never the client's say.
      const url = `${request.client.protocol}://${request.headers.host ?? 'localhost'}${request.url}`;
      const response = await kit.respond(new Request(url, { method: request.method, headers, body: body?.length ? new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) : undefined }), {
        platform: { ...bridge, req: request.raw },
        getClientAddress: () => request.client.ip,
      });
      reply.code(response.status);
      for (const [key, value] of response.headers) if (key !== 'set-cookie') reply.header(key, value);
      const cookies = response.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.send(response.body ? Readable.fromWeb(response.body as import('node:stream/web').ReadableStream) : null);
    };
    scope.all('/*', { schema: { hide: true }, bodyLimit: PAGE_FORM_LIMIT }, toKit);
    // A phone photo (at most 8 MB, see lib/photos.ts) arrives through the profile page's form.
    scope.post('/franvaro-och-profil', { schema: { hide: true }, bodyLimit: PHOTO_FORM_LIMIT }, toKit);
    // A CSV file (at most 2 MB, see contracts/imports.ts) arrives through the import pages' forms.
    for (const page of ['/admin/las-in', '/admin/las-in/verksamheter']) scope.post(page, { schema: { hide: true }, bodyLimit: IMPORT_FORM_LIMIT }, toKit);
  });
}
