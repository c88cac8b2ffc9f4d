import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { sentence } from '../contracts/anonymity.ts';
import type { IdentifyingIssueParams } from '../contracts/text.ts';
import { AppError, errors, sqlState, type FieldError } from '../lib/errors.ts';

const PROBLEM_TYPE = 'https://samverkan.example/problem/';

/** The error as an RFC 9457 problem document. */
export function problemOf(error: AppError) {
  return {
    type: PROBLEM_TYPE + error.code,
    title: error.title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(error.fields ? { fields: error.fields } : {}),
    ...(error.alternatives ? { alternatives: error.alternatives } : {}),
    ...(error.secondStep ?? {}),
  };
}

/** Sets the error's status, headers and type on the reply; its body is problemOf(error). */
export function prepareProblem(reply: FastifyReply, error: AppError) {
  if (error.headers) reply.headers(error.headers);
  return reply.code(error.status).type('application/problem+json');
}

export function sendProblem(reply: FastifyReply, error: AppError) {
  return prepareProblem(reply, error).send(problemOf(error));
}

// Driver errors that mean "the database cannot be reached" rather than "the query was wrong".
const unavailableCodes: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', '57P01', '57P02', '57P03', '53300']);

function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && (unavailableCodes.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && /Connection terminated|connect ECONNREFUSED|not queryable|Client was closed|PGlite is closed/i.test(e.message)) return true;
  }
  return false;
}

// fastify-type-provider-zod passes each zod issue as { instancePath, message, params: the issue's
// other keys }; a custom issue's own params (the guard's) sit at params.params.
type ValidationIssue = { instancePath?: string; message?: string; params?: { issue?: { path?: PropertyKey[]; message?: string }; params?: Partial<IdentifyingIssueParams> } };

function validationFields(err: FastifyError): FieldError[] {
  const issues = (err.validation ?? []) as ValidationIssue[];
  return issues.map((v) => {
    const path = v.params?.issue?.path?.map(String).join('.') || v.instancePath?.replace(/^\//, '').replaceAll('/', '.') || '';
    const context = (err as { validationContext?: string }).validationContext;
    const field = [context === 'body' ? '' : context, path].filter(Boolean).join('.') || (context ?? 'body');
    return { field, message: v.params?.issue?.message ?? v.message ?? 'Ogiltigt värde.' };
  });
}

const kindsOf = (v: ValidationIssue) => v.params?.params?.identifying ?? [];

/** The anonymity guard of freeText() refused a text: 422 naming each field, when nothing else
 *  about the request was wrong (a malformed request is a 400 first). */
function identifyingData(err: FastifyError): AppError | null {
  const issues = (err.validation ?? []) as ValidationIssue[];
  if (issues.length === 0 || !issues.every((v) => kindsOf(v).length > 0)) return null;
  const fields = validationFields(err);
  const detail = fields.length === 1 ? fields[0]!.message : sentence('Flera texter', issues.flatMap(kindsOf));
  return new AppError('identifying_data', detail, { fields });
}

function toAppError(err: FastifyError | Error): AppError | null {
  if (err instanceof AppError) return err;
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const identifying = identifyingData(fe);
    if (identifying) return identifying;
    const fields = validationFields(fe);
    return errors.invalid(`Kontrollera uppgifterna: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`, fields);
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errors.invalid('Innehållet gick inte att läsa som JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errors.invalid('Innehållet är för stort.', undefined, 413);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errors.invalid('Skicka innehållet som JSON (Content-Type: application/json).', undefined, 415);
    case 'FST_ERR_VALIDATION':
      return errors.invalid('Uppgifterna kunde inte tolkas.');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return errors.invalid('Förfrågan kunde inte tolkas.', undefined, fe.statusCode);
  }
  if (isDatabaseUnavailable(err)) return errors.unavailable();
  // Row-level security refused a row: the only tables under it are consent-gated, and a consent
  // that ended between the service's check and the write is exactly this.
  if (sqlState(err).code === '42501') return errors.noConsent();
  return null;
}

/**
 * The router's own refusals, made before any route or hook runs: a path that is no valid
 * percent-encoding (`/api/slots/%zz`), or a parameter longer than any id. Fastify would answer
 * them in English JSON that repeats the path. Passed to Fastify as `frameworkErrors` (app.ts).
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  reply.header('cache-control', 'no-store');
  return sendProblem(reply, err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? errors.invalid('Adressen är för lång.', undefined, 414) : errors.invalid('Adressen kunde inte tolkas.'));
}

/** Where an error was thrown, without its first line: that line is the message. */
const stackFrames = (err: Error) => err.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');

async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = toAppError(err);
    if (known) return sendProblem(reply, known);
    // Log the failure without the request body: it may hold data about a family. A database
    // error's message carries the query and every parameter (drizzle's "Failed query: … params:"),
    // so of those only the SQLSTATE, the constraint and where it happened are written.
    const route = request.routeOptions.url;
    const db = sqlState(err);
    if (isResponseSerializationError(err)) request.log.error({ route }, 'response did not match its schema');
    else if (db.code) request.log.error({ route, sqlstate: db.code, constraint: db.constraint, at: stackFrames(err) }, 'database error');
    else request.log.error({ err: { message: err.message, code: (err as FastifyError).code, stack: err.stack } }, 'unhandled error');
    return sendProblem(reply, new AppError('internal', 'Något gick fel hos oss. Försök igen om en stund.'));
  });
}

export default fp(errorsPlugin, { name: 'errors' });
