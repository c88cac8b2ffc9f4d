import { AppError } from '../../lib/errors.ts';

export const authErrors = {
  invalidCredentials: () =>
    new AppError('invalid_credentials', 'E-postadressen eller lösenordet stämmer inte. Kontrollera och försök igen.'),
  wrongCode: () =>
    new AppError('invalid_credentials', 'Koden stämmer inte. Skriv de sex siffrorna som appen visar just nu, eller en av dina reservkoder.', { fields: [{ field: 'code', message: 'Koden stämmer inte.' }] }),
  secondStep: (mfaToken: string, enrolment: boolean) =>
    new AppError(
      'mfa_required',
      enrolment
        ? 'Ditt konto behöver tvåstegsverifiering. Koppla en app för engångskoder (t.ex. Microsoft Authenticator eller FreeOTP) och ange koden den visar.'
        : 'Ange koden som din app för engångskoder visar, eller en reservkod.',
      { secondStep: { mfaToken, enrolment } },
    ),
  busy: () =>
    new AppError('unavailable', 'Många loggar in just nu. Försök igen om några sekunder.', { headers: { 'retry-after': '5' } }),
  rateLimited: (retryAfterSeconds: number, limit: 'failures' | 'sign-ins' = 'failures') => {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    const what = limit === 'failures' ? 'För många misslyckade inloggningar' : 'För många inloggningar från samma nätverk';
    return new AppError(
      'rate_limited',
      `${what}. Vänta ${minutes} ${minutes === 1 ? 'minut' : 'minuter'} och försök igen.`,
      { headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))) } },
    );
  },
};
