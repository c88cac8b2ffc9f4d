import { enrolmentSchema, type Enrolment } from '#contracts/second-factor.ts';
import { apiSend } from '#lib/server/api.ts';

type Fetch = typeof fetch;

/** The second step's page state: its token, and the QR code when the factor is being set up. */
export type SecondStep = { mfaToken: string; enrolment: Enrolment | null };

/** Setting up shows the QR code; within ten minutes the API gives the same secret again, so a mistyped code keeps the scanned one. */
export async function secondStepOf(fetch: Fetch, mfaToken: string, enrolment: boolean): Promise<SecondStep | null> {
  if (!enrolment) return { mfaToken, enrolment: null };
  const res = await apiSend(fetch, 'POST', '/api/auth/mfa/enrol', { mfaToken });
  if (!res.ok) return null;
  return { mfaToken, enrolment: enrolmentSchema.parse(res.data) };
}
