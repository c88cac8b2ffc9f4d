import { z } from './zod.ts';
import { organisationKindSchema } from './organisations.ts';
import { email } from './text.ts';

/** The session cookie; behind https it carries the __Host- prefix (Secure, no Domain). */
export const SESSION_COOKIE = 'samverkan_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export const roleValues = ['pedagogue', 'principal', 'pupil_health', 'police', 'partner', 'social_worker', 'team_lead', 'district_admin', 'admin'] as const;
export const roleSchema = z.enum(roleValues);

/**
 * Who speaks for their organisation towards the team: rektor and elevhälsa of a school (a unit's
 * förskolechef for its preschools), and the staff of a partner (BVC, BUP, fritid…). They ask for
 * meetings, follow their requests, are named in cases and read consented feedback. Pedagogues
 * and the police do not.
 */
export const organisationSideRoles: readonly (typeof roleValues)[number][] = ['principal', 'pupil_health', 'partner'];

/**
 * Who reads and answers consented feedback for an organisation named in a case: those above,
 * and the police of a police area named in it (the guardians' consent decides, as for a school).
 */
export const feedbackReaderRoles: readonly (typeof roleValues)[number][] = [...organisationSideRoles, 'police'];
export type Role = z.infer<typeof roleSchema>;

export const loginBody = z
  .object({
    email,
    password: z.string().min(1, { message: 'Skriv ditt lösenord.' }).max(200, { message: 'Lösenordet är för långt.' }),
  })
  .strict();
export type LoginBody = z.infer<typeof loginBody>;

export const membershipSchema = z.object({
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  organisationKind: organisationKindSchema.nullable(),
  role: roleSchema,
  /** The section (stadium, avdelning) the person works in, when the membership names one. */
  sectionId: z.string().nullable(),
});

export const meSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    memberships: z.array(membershipSchema),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof meSchema>;

export const loginResponse = z.object({ user: meSchema });
export const okResponse = z.object({ ok: z.literal(true) });

/** The ways to sign in here: passwords always, the city's account when OIDC is configured. */
export const authMethodsSchema = z.object({ password: z.literal(true), city: z.boolean() });
