import { z } from 'zod';

// The only reader of process.env. Every variable is documented in .env.example.
const booleanFlag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const DEV_SECRET = 'samverkan-demo-secret-not-for-production-use!!';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DEMO_DATA: booleanFlag,
  SESSION_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(60),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  TRUST_PROXY: z.string().optional(),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  /** Demo mode: the demo district is loaded into an empty database and its password is printed. */
  demoData: boolean;
  sessionSecret: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean | string | number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerAddress: number;
  logLevel: string;
};

export class ConfigError extends Error {}

function parseTrustProxy(raw: string | undefined): boolean | string | number {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw; // comma-separated addresses or CIDR ranges, as Fastify understands them
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
  if (production) {
    if (!secret || secret.length < 32 || secret === DEV_SECRET) {
      throw new ConfigError(
        'SESSION_SECRET måste vara en slumpad hemlighet på minst 32 tecken i produktion (NODE_ENV=production).',
      );
    }
    if (e.DEMO_DATA) {
      throw new ConfigError('DEMO_DATA kan inte användas i produktion.');
    }
  }
  if (!secret) secret = DEV_SECRET;
  if (secret.length < 32) throw new ConfigError('SESSION_SECRET måste ha minst 32 tecken.');

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    demoData,
    sessionSecret: secret,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    loginMaxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    logLevel: e.LOG_LEVEL,
  };
}
