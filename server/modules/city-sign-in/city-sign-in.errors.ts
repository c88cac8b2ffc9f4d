/** Why a city sign-in ended without a session: the sign-in page says it in Swedish. */
export type Refusal = 'not_registered' | 'failed' | 'unavailable';
export class CitySignInRefused extends Error {
  readonly reason: Refusal;
  constructor(reason: Refusal, cause?: unknown) {
    super(reason, { cause });
    this.reason = reason;
  }
}
