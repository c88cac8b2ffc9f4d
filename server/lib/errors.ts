import type { ErrorCode } from '../contracts/errors.ts';

const titles: Record<ErrorCode, string> = {
  unauthenticated: 'Du är inte inloggad',
  invalid_credentials: 'Fel e-post eller lösenord',
  mfa_required: 'Ange koden från din app',
  rate_limited: 'För många försök',
  forbidden: 'Du har inte behörighet',
  not_found: 'Hittades inte',
  invalid_request: 'Uppgifterna behöver rättas',
  identifying_data: 'Texten kan identifiera en person',
  slot_taken: 'Tiden är redan bokad',
  schedule_conflict: 'Tiden krockar',
  no_consent: 'Samtycke saknas',
  continuity_required: 'Kontinuiteten bryts',
  already_used: 'Länken går inte att använda',
  unavailable: 'Tjänsten är inte tillgänglig just nu',
  internal: 'Något gick fel',
};

const statuses: Record<ErrorCode, number> = {
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  rate_limited: 429,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  identifying_data: 422,
  slot_taken: 409,
  schedule_conflict: 409,
  no_consent: 403,
  continuity_required: 409,
  already_used: 410,
  unavailable: 503,
  internal: 500,
};

export type FieldError = { field: string; message: string };
export type Alternative = { id: string; startsAt: string };
/** What a password sign-in that needs a second step carries back (401 mfa_required). */
export type SecondStep = { mfaToken: string; enrolment: boolean };

/** A domain error: a value with a stable code and a plain-Swedish detail a person can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string;
  readonly fields?: FieldError[];
  readonly headers?: Record<string, string>;
  /** Other slots to offer when the chosen one was taken (409 slot_taken). */
  readonly alternatives?: Alternative[];
  readonly secondStep?: SecondStep;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: { status?: number; fields?: FieldError[]; headers?: Record<string, string>; alternatives?: Alternative[]; secondStep?: SecondStep } = {},
  ) {
    super(detail);
    this.code = code;
    this.status = extra.status ?? statuses[code];
    this.detail = detail;
    this.fields = extra.fields;
    this.headers = extra.headers;
    this.alternatives = extra.alternatives;
    this.secondStep = extra.secondStep;
  }

  get title() {
    return titles[this.code];
  }
}

export const errors = {
  unauthenticated: () => new AppError('unauthenticated', 'Logga in för att fortsätta.'),
  forbidden: (detail = 'Din roll ger inte tillgång till det här.') => new AppError('forbidden', detail),
  notFound: (detail = 'Det du söker finns inte, eller så har du inte tillgång till det.') =>
    new AppError('not_found', detail),
  invalid: (detail: string, fields?: FieldError[], status?: number) =>
    new AppError('invalid_request', detail, { fields, status }),
  unavailable: () =>
    new AppError('unavailable', 'Databasen går inte att nå just nu. Inget sparades. Försök igen om en stund.', { headers: { 'retry-after': '5' } }),
  keyReused: () =>
    new AppError('invalid_request', 'Nyckeln i Idempotency-Key har redan använts för en annan begäran. Inget ändrades. Skicka begäran med en ny nyckel.', {
      fields: [{ field: 'Idempotency-Key', message: 'Använd en ny nyckel för en ny begäran.' }],
      status: 422,
    }),
  noConsent: () =>
    new AppError('no_consent', 'Samtycket gäller inte längre, eller så omfattar det inte det här. Inget har delats. Socialsekreteraren kan be familjen om ett nytt samtycke.'),
};

/** The driver's SQLSTATE behind a drizzle error: 23P01 exclusion, 23505 unique, 23514 check. */
export function sqlState(err: unknown): { code?: string; constraint?: string } {
  for (let e: any = err, depth = 0; e && depth < 4; e = e.cause, depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: e.constraint };
  }
  return {};
}
