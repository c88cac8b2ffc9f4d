import { z } from 'zod';
import { roleSchema, type Role } from './contracts/auth.ts';

// The only reader of process.env. Every variable is documented in .env.example.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const DEV_SECRET = 'samverkan-demo-secret-not-for-production-use!!';
// 32 × "a" is no secret: a random one of 32 characters has far more than this many different ones.
const MIN_DISTINCT = 12;

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  MIGRATION_DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DEMO_DATA: booleanFlag,
  SESSION_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  TRUST_PROXY: z.string().optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  LOGIN_MAX_SIGN_INS_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
  API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  OVERLOAD_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  OVERLOAD_HEAP_MB: z.coerce.number().int().min(0).max(1_000_000).default(0),
  OVERLOAD_MAX_PAGES_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(128),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  API_DOCS: z.enum(['true', 'false', '1', '0', '']).optional(),
  PUBLIC_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'ska börja med smtp:// eller smtps://' }).optional().or(z.literal('').transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default('Samverkan <noreply@samverkan.example>'),
  ACCESSIBILITY_CONTACT: z.email().default('tillganglighet@samverkan.example'),
  MAIL_WORKER: z.enum(['true', 'false', '1', '0', '']).optional(),
  MAIL_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  OIDC_ISSUER: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  OIDC_CLIENT_ID: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  OIDC_CLIENT_SECRET: z.string().min(1).optional().or(z.literal('').transform(() => undefined)),
  MFA_REQUIRED_ROLES: z.string().optional(),
  CHECK_IN_MONTHS: z.coerce.number().int().min(1).max(24).default(3),
  RETENTION_MONTHS: z.coerce.number().int().min(6).max(120).default(24),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The schema owner's connection, for migrations only (defaults to databaseUrl). */
  migrationDatabaseUrl: string | undefined;
  poolSize: number;
  /** Demo mode: the demo district is loaded into an empty database and its password is printed. */
  demoData: boolean;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** The proxies' addresses whose X-Forwarded-* is believed; never every sender. */
  trustProxy: false | string;
  /** Serve the OpenAPI document and its viewer at /api/docs. */
  apiDocs: boolean;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  loginMaxSignInsPerAddress: number;
  /** API calls per minute per session (or per address without one), per copy of the app. */
  apiRequestsPerMinute: number;
  /** Past any mark the app answers 503 with Retry-After instead of queueing more work (0: no mark). */
  overload: { eventLoopDelayMs: number; heapMb: number; maxPagesInFlight: number };
  logLevel: string;
  /** Where people reach the portal: the links in mails point here. */
  publicUrl: string;
  /** The SMTP server mail goes through; without it, demo mode keeps mail in the dev mailbox and production warns. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Where the accessibility statement tells people to report what they cannot use. */
  accessibilityContact: string;
  /** Whether this copy sends the outbox (every copy may: rows are claimed, never sent twice at once). */
  mailWorker: boolean;
  mailPollSeconds: number;
  /** The city's OpenID provider ("Logga in med stadens konto"), when configured. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | undefined;
  /** Roles that must give a second factor when they sign in by password. */
  mfaRequiredRoles: readonly Role[];
  /** Months after a case closes when the responsible worker calls the family ("vi ringer efter några månader"). */
  checkInMonths: number;
  /** Gallring: months after closing before a case's consents and messages are cleared (6–120). */
  retentionMonths: number;
};

export class ConfigError extends Error {}

function parseTrustProxy(raw: string | undefined): false | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  // "true" would believe X-Forwarded-For from anyone: throttles are walked around and the audit
  // log records whatever address the sender wrote.
  if (raw === 'true') {
    throw new ConfigError('TRUST_PROXY=true litar på X-Forwarded-For från vem som helst. Ange proxyernas adresser i stället (t.ex. 10.0.0.5,10.0.0.6 eller 10.0.0.0/8).');
  }
  // Fastify 5 trusts no peer on a hop count alone (a direct client could send enough hops), so a
  // number would silently believe nothing: only the proxies' own addresses are taken.
  if (/^\d+$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY tar proxyernas adresser, inte ett antal: ange t.ex. 10.0.0.5 eller 10.0.0.0/8,127.0.0.1.');
  }
  return raw; // comma-separated addresses or CIDR ranges, as Fastify understands them
}

// Those who see families' cases, and those who administer people, give a second factor in production.
const MFA_ROLES_IN_PRODUCTION: readonly Role[] = ['social_worker', 'team_lead', 'district_admin', 'admin'];

function parseRoles(raw: string | undefined, production: boolean): readonly Role[] {
  if (raw === undefined) return production ? MFA_ROLES_IN_PRODUCTION : [];
  const names = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = names.filter((r) => !roleSchema.safeParse(r).success);
  if (unknown.length) throw new ConfigError(`MFA_REQUIRED_ROLES: okänd roll ${unknown.join(', ')} (roller: ${roleSchema.options.join(', ')}).`);
  return names as Role[];
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Ogiltig konfiguration: ${fields}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  // Without a database server the app runs on the embedded database with the demo district.
  const demoData = production ? false : e.DATABASE_URL ? e.DEMO_DATA : true;

  let secret = e.SESSION_SECRET;
  // A real database holds real sessions: they are never signed with the published dev secret.
  if (production || e.DATABASE_URL) {
    if (!secret || secret.length < 32 || secret === DEV_SECRET || new Set(secret).size < MIN_DISTINCT) {
      throw new ConfigError(
        `SESSION_SECRET måste vara en slumpad hemlighet på minst 32 tecken (minst ${MIN_DISTINCT} olika tecken) i produktion och med DATABASE_URL. Skapa en med: node -e "console.log(require('crypto').randomBytes(48).toString('base64url'))"`,
      );
    }
  }
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL) {
    throw new ConfigError('MIGRATION_DATABASE_URL kräver DATABASE_URL: appen ansluter med DATABASE_URL och migrerar med MIGRATION_DATABASE_URL.');
  }
  if (production) {
    if (e.DEMO_DATA) {
      throw new ConfigError('DEMO_DATA kan inte användas i produktion.');
    }
  }
  const oidcParts = [e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET];
  if (oidcParts.some(Boolean) && !oidcParts.every(Boolean)) {
    throw new ConfigError('Stadens inloggning (OIDC) kräver alla tre: OIDC_ISSUER, OIDC_CLIENT_ID och OIDC_CLIENT_SECRET.');
  }
  if (!secret) secret = DEV_SECRET;
  if (secret.length < 32) throw new ConfigError('SESSION_SECRET måste ha minst 32 tecken.');

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL ?? e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    demoData,
    sessionSecret: secret,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginMaxSignInsPerAddress: e.LOGIN_MAX_SIGN_INS_PER_ADDRESS,
    apiRequestsPerMinute: e.API_REQUESTS_PER_MINUTE,
    overload: { eventLoopDelayMs: e.OVERLOAD_EVENT_LOOP_DELAY_MS, heapMb: e.OVERLOAD_HEAP_MB, maxPagesInFlight: e.OVERLOAD_MAX_PAGES_IN_FLIGHT },
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    accessibilityContact: e.ACCESSIBILITY_CONTACT,
    mailWorker: e.MAIL_WORKER === undefined || e.MAIL_WORKER === '' ? true : e.MAIL_WORKER === 'true' || e.MAIL_WORKER === '1',
    mailPollSeconds: e.MAIL_POLL_SECONDS,
    oidc: e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET } : undefined,
    mfaRequiredRoles: parseRoles(e.MFA_REQUIRED_ROLES, production),
    checkInMonths: e.CHECK_IN_MONTHS,
    retentionMonths: e.RETENTION_MONTHS,
    apiDocs: e.API_DOCS === undefined || e.API_DOCS === '' ? !production : e.API_DOCS === 'true' || e.API_DOCS === '1',
  };
}
