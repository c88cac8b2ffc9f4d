import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { getHeapStatistics } from 'node:v8';
import { AppError } from '../lib/errors.ts';
import { prepareProblem, problemOf } from './errors.ts';

/** Seconds a shed caller is asked to wait. */
const RETRY_AFTER = 5;
/** How often the event loop and the heap are read. */
const SAMPLE_MS = 500;

const busy = () =>
  new AppError('unavailable', 'Samverkan har mycket att göra just nu. Inget sparades. Försök igen om några sekunder.', { headers: { 'retry-after': String(RETRY_AFTER) } });

// A page, not a JSON document, for a person in a browser: short, in Swedish, and it reloads itself.
const busyPage = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="refresh" content="${RETRY_AFTER}"><title>Samverkan har mycket att göra just nu</title></head><body><main><h1>Samverkan har mycket att göra just nu</h1><p>Inget sparades. Sidan laddas om av sig själv om några sekunder. Brådskande? Ring socialjouren, eller 112 vid fara.</p></main></body></html>`;

/**
 * The answer to a request that comes while the app is past a mark; undefined lets it through.
 * No log line of its own: under overload a line per shed request would be work the app cannot
 * afford, and the answer's own line (method, path, 503) says it.
 */
function shed(request: FastifyRequest, reply: FastifyReply): object | string | undefined {
  if (exempt(request)) return undefined;
  const error = busy();
  prepareProblem(reply, error);
  if (request.url.startsWith('/api/') || !(request.headers.accept ?? '').includes('text/html')) return problemOf(error);
  reply.type('text/html; charset=utf-8');
  return busyPage;
}

/** Never shed: the health check (a busy copy is alive), and the page renderer's own API calls (their page was accepted). */
const exempt = (request: FastifyRequest) => request.client.viaBridge || request.url.split('?', 1)[0] === '/api/health';

/** A page to render: not an API call, not a built asset (/_app/…) or a file (favicon.png, robots.txt). */
const isPage = (url: string) => {
  const path = url.split('?', 1)[0]!;
  return !path.startsWith('/api/') && !path.startsWith('/_app/') && !/\.[a-z0-9]+$/i.test(path);
};

export type OverloadMarks = { eventLoopDelayMs: number; heapMb: number; maxPagesInFlight: number };

declare module 'fastify' {
  interface FastifyRequest {
    /** A page counted among those in flight (until it is answered or abandoned). */
    inFlight?: boolean;
  }
}

/**
 * Overload sheds instead of collapsing: past the cap on pages in flight, the event-loop delay
 * mark (the mean delay over the last half second) or the heap mark, a new request is answered 503
 * `unavailable` with Retry-After at once, so the requests already accepted finish in bounded time.
 */
async function pressurePlugin(app: FastifyInstance, marks: OverloadMarks) {
  await sampled(app, marks);
  await pageCap(app, marks);
}

/**
 * The event-loop and heap marks. under-pressure samples the loop every 10 ms for as long as the
 * app lives, so with both marks off (the tests, which build hundreds of apps) it is not registered.
 */
async function sampled(app: FastifyInstance, marks: OverloadMarks) {
  if (!marks.eventLoopDelayMs && !marks.heapMb) return;
  // Without a heap mark of its own, 90 % of what V8 may use: past it, collection takes the loop.
  const heapMb = marks.heapMb || Math.floor((getHeapStatistics().heap_size_limit / 1024 / 1024) * 0.9);
  await app.register(underPressure, {
    maxEventLoopDelay: marks.eventLoopDelayMs,
    maxHeapUsedBytes: heapMb * 1024 * 1024,
    sampleInterval: SAMPLE_MS,
    // under-pressure sends whatever the handler returns (its types say void; its code sends it).
    pressureHandler: shed as unknown as (request: FastifyRequest, reply: FastifyReply) => void,
  });
}

async function pageCap(app: FastifyInstance, marks: OverloadMarks) {
  // Pages in flight: a rendered page costs some 30 times an API read, so a burst of page loads is
  // what overloads the app. Past the cap a new page is shed at once, so an accepted one waits
  // behind at most that many (latency ≈ cap ÷ pages per second). API calls are not counted: a
  // cheap read is answered faster than it could be shed.
  if (!marks.maxPagesInFlight) return;
  let pages = 0;
  app.decorateRequest('inFlight', false);
  app.addHook('onRequest', async (request, reply) => {
    if (exempt(request) || !isPage(request.url)) return;
    if (pages >= marks.maxPagesInFlight) return reply.send(shed(request, reply));
    pages++;
    request.inFlight = true;
  });
  const done = async (request: FastifyRequest) => {
    if (!request.inFlight) return;
    request.inFlight = false;
    pages--;
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);
}

export default fp(pressurePlugin, { name: 'pressure' });
