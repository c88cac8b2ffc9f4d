import type { Handle, HandleFetch } from '@sveltejs/kit/hooks';
import { parseSetCookie } from 'cookie';
import { AsyncLocalStorage } from 'node:async_hooks';
import { meSchema, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '#contracts/auth.ts';
import { readLanguageFrom, type Lang } from '#lib/i18n.ts';
import { LANGUAGE_COOKIE, languageOf } from '#lib/server/language.ts';

// Each request renders in its reader's language: the language travels with the request's own
// asynchronous context, so pages rendered at the same time never borrow each other's.
const requestLanguage = new AsyncLocalStorage<Lang>();
readLanguageFrom(() => requestLanguage.getStore() ?? 'sv');

const SESSION_COOKIES = [SECURE_SESSION_COOKIE, SESSION_COOKIE];
const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/login', '/glomt-losenord', '/valj-losenord', '/tillganglighet', '/hjalp', '/sprak']);

// Page forms send a few kilobytes. Only the profile page's photo form (a phone photo, up to the
// web server's 9 MB body limit) and the staff list's forms (up to 2 MB) send more; any other form that says it is larger is
// refused before its body is read, so nobody can make the server hold megabytes per request.
const FORM_LIMIT = 256 * 1024;
const sendsFile = (url: URL) => (url.pathname === '/franvaro-och-profil' && url.search === '?/photo') || (['/admin/las-in', '/admin/las-in/verksamheter'].includes(url.pathname) && ['?/check', '?/write'].includes(url.search));

/** The session is resolved once per request into `locals`, through the API itself. */
export const handle: Handle = async ({ event, resolve }) => {
  if (Number(event.request.headers.get('content-length') ?? 0) > FORM_LIMIT && !sendsFile(event.url)) {
    return new Response('Formuläret är större än något formulär här behöver och skickades inte. Gå tillbaka och försök igen.', {
      status: 413,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const lang = languageOf(event.cookies.get(LANGUAGE_COOKIE));
  event.locals.lang = lang;
  return requestLanguage.run(lang, () => signedIn({ event, resolve }));
};

async function signedIn({ event, resolve }: Parameters<Handle>[0]) {
  // The app's clock, not the machine's: the pages' "today" is the API's today (tests pin both).
  event.locals.now = event.platform?.now() ?? new Date();
  event.locals.user = null;
  if (SESSION_COOKIES.some((name) => event.cookies.get(name))) {
    const res = await event.fetch('/api/me');
    if (res.ok) event.locals.user = meSchema.parse(await res.json());
  }
  if (!event.locals.user && !PUBLIC_PATHS.has(event.url.pathname)) {
    const back = event.url.pathname + event.url.search;
    const location = back === '/' ? '/login' : `/login?next=${encodeURIComponent(back)}`;
    return new Response(null, { status: 303, headers: { location } });
  }
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('<html lang="sv">', `<html lang="${event.locals.lang}">`) });
}

/**
 * Server-side calls to /api go straight into the Fastify app (no socket, no token in any
 * browser script). Cookies the API sets are passed on to the browser.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const bridge = event.platform?.api;
  if (!bridge || url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) return fetch(request);

  const cookie = event.request.headers.get('cookie');
  if (cookie && !request.headers.has('cookie')) request.headers.set('cookie', cookie);
  const response = await bridge(request, { protocol: event.url.protocol.replace(':', ''), ip: event.getClientAddress() });
  for (const header of response.headers.getSetCookie()) {
    const { name, value, ...options } = parseSetCookie(header);
    event.cookies.set(name, value ?? '', {
      path: options.path ?? '/',
      httpOnly: options.httpOnly,
      secure: options.secure,
      sameSite: options.sameSite as 'lax' | 'strict' | 'none' | undefined,
      expires: options.expires,
      maxAge: options.maxAge,
    });
  }
  return response;
};
