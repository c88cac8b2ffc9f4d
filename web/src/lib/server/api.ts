import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import { problemSchema, type Problem } from '#contracts/errors.ts';
import { t } from '../i18n.ts';

type Fetch = typeof fetch;

/** GET an API resource and parse it with the same contract the server answers with. */
export async function apiGet<S extends z.ZodType>(fetch: Fetch, path: string, schema: S): Promise<z.infer<S>> {
  const res = await fetch(path);
  if (res.ok) return schema.parse(await res.json());
  const problem = await readProblem(res);
  error(res.status, problem?.detail ?? t('error.generic'));
}

/**
 * GET for a page that shows some refusals itself (403 no_consent: "Samtycket gäller inte längre")
 * instead of an error page: those statuses come back as the problem, anything else fails as apiGet.
 */
export async function apiGetOrProblem<S extends z.ZodType>(fetch: Fetch, path: string, schema: S, statuses: number[]): Promise<{ ok: true; data: z.infer<S> } | { ok: false; problem: Problem }> {
  const res = await fetch(path);
  if (res.ok) return { ok: true, data: schema.parse(await res.json()) };
  const problem = await readProblem(res);
  if (problem && statuses.includes(res.status)) return { ok: false, problem };
  error(res.status, problem?.detail ?? t('error.generic'));
}

/** Sends JSON to the API; returns the parsed answer or the problem. */
export async function apiSend(fetch: Fetch, method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return answerOf(res);
}

/** Sends raw bytes (a photo) with their own content type; answers as apiSend does. */
export async function apiSendBytes(fetch: Fetch, method: 'POST' | 'PUT', path: string, body: ArrayBuffer, contentType: string) {
  return answerOf(await fetch(path, { method, headers: { 'content-type': contentType }, body }));
}

async function answerOf(res: Response) {
  if (res.ok) return { ok: true as const, status: res.status, data: (await res.json().catch(() => null)) as unknown };
  const problem = (await readProblem(res)) ?? {
    type: 'about:blank',
    title: t('error.title'),
    status: res.status,
    detail: t('error.generic'),
    code: 'internal' as const,
  };
  return { ok: false as const, status: res.status, problem };
}

async function readProblem(res: Response): Promise<Problem | null> {
  const parsed = problemSchema.safeParse(await res.json().catch(() => null));
  return parsed.success ? parsed.data : null;
}

export { safeNext } from '#contracts/safe-next.ts';

/**
 * The Idempotency-Key header for a form that carries one (`idempotencyKey`, made when the form
 * was loaded): sent twice (a double click, a resubmit after a lost answer), it does the thing once.
 */
export function idempotencyHeader(form: FormData): Record<string, string> {
  const key = String(form.get('idempotencyKey') ?? '');
  return /^[A-Za-z0-9_-]{8,100}$/.test(key) ? { 'idempotency-key': key } : {};
}
