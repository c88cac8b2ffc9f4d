import type { AuditRepository } from '../audit/audit.repository.ts';
import { describeCheck, parseAnchor, verifyAuditChain } from '../audit/audit.verify.ts';

/** One query on either driver, its rows as plain objects. */
export type Rows = (text: string) => Promise<Record<string, unknown>[]>;

/** What a table holds and how it is guarded: a restore must bring back both. */
export type TableFacts = {
  rows: number;
  rowSecurity: 'off' | 'on' | 'forced';
  /** Names, comma-separated in order; the same for triggers and grants ("role PRIVILEGE"). */
  policies: string;
  triggers: string;
  grants: string;
};

export type Inventory = {
  server: string;
  /** The role that owns the schema and runs the migrations. */
  owner: string;
  /** Migrations applied: the app that runs on a restored copy must know at least as many. */
  migrations: number;
  tables: Record<string, TableFacts>;
  functions: Record<string, { securityDefiner: boolean; grants: string }>;
  /** Roles the objects belong to or are granted to: they live outside the dump, in the server. */
  roles: string[];
  audit: {
    rows: number;
    /** The chain's newest row as "id:hash", the anchor `npm run audit:verify` takes; null when empty. */
    head: string | null;
    whole: boolean;
    text: string;
  };
};

// Ours are public (the app) and drizzle (the migration journal); extensions' objects are theirs.
const SCHEMAS = `n.nspname in ('public', 'drizzle')`;
const NOT_EXTENSIONS = `not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`;
const grantee = (acl: string) => `case when ${acl}.grantee = 0 then 'PUBLIC' else pg_get_userbyid(${acl}.grantee) end`;

const tablesQuery = `select format('%I.%I', n.nspname, c.relname) as name,
    case when c.relrowsecurity and c.relforcerowsecurity then 'forced' when c.relrowsecurity then 'on' else 'off' end as row_security,
    coalesce((select string_agg(p.polname, ', ' order by p.polname) from pg_policy p where p.polrelid = c.oid), '') as policies,
    coalesce((select string_agg(t.tgname, ', ' order by t.tgname) from pg_trigger t where t.tgrelid = c.oid and not t.tgisinternal), '') as triggers,
    coalesce((select string_agg(g, ', ' order by g) from (
      select ${grantee('a')} || ' ' || a.privilege_type as g from aclexplode(c.relacl) a
      union all
      select ${grantee('a')} || ' ' || a.privilege_type || ' (' || att.attname || ')' from pg_attribute att, aclexplode(att.attacl) a
        where att.attrelid = c.oid and att.attnum > 0 and not att.attisdropped
    ) grants), '') as grants
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where ${SCHEMAS} and c.relkind in ('r', 'p') and not c.relispartition
  order by 1`;

const functionsQuery = `select format('%I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)) as name,
    p.prosecdef as security_definer,
    coalesce((select string_agg(g, ', ' order by g) from (select ${grantee('a')} || ' ' || a.privilege_type as g from aclexplode(p.proacl) a) grants), '') as grants
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where ${SCHEMAS} and ${NOT_EXTENSIONS}
  order by 1`;

const rolesQuery = `select distinct r.rolname as name from pg_roles r where r.oid in (
    select n.nspowner from pg_namespace n where ${SCHEMAS}
    union select c.relowner from pg_class c join pg_namespace n on n.oid = c.relnamespace where ${SCHEMAS}
    union select p.proowner from pg_proc p join pg_namespace n on n.oid = p.pronamespace where ${SCHEMAS} and ${NOT_EXTENSIONS}
    union select a.grantee from pg_class c join pg_namespace n on n.oid = c.relnamespace, aclexplode(c.relacl) a where ${SCHEMAS}
    union select d.defaclrole from pg_default_acl d
    union select a.grantee from pg_default_acl d, aclexplode(d.defaclacl) a
  ) order by 1`;

/** Sorted here, not by the server's collation: a copy restored on another server compares equal. */
const sorted = (list: unknown) => ((list as string) ? (list as string).split(', ').sort().join(', ') : '');

/**
 * Counts every table's rows and reads its guards (row-level security, policies, triggers, grants),
 * and walks the audit chain, with `anchor` when given. Run it inside one snapshot: on PostgreSQL
 * the backup runs it in the very snapshot pg_dump copies, so the counts describe the dump exactly.
 * The session must see every row (superuser or BYPASSRLS, row_security off): a policy that hid
 * rows would otherwise make the counts quietly wrong.
 */
export async function takeInventory(rows: Rows, audit: Pick<AuditRepository, 'page'>, anchor?: string | null): Promise<Inventory> {
  const [{ version, owner }] = (await rows(
    `select current_setting('server_version') as version, (select pg_get_userbyid(nspowner) from pg_namespace where nspname = 'public') as owner`,
  )) as [{ version: string; owner: string }];
  const tables: Record<string, TableFacts> = {};
  for (const t of await rows(tablesQuery)) {
    const [{ n }] = (await rows(`select count(*)::bigint as n from ${t.name as string}`)) as [{ n: unknown }];
    tables[t.name as string] = {
      rows: Number(n),
      rowSecurity: t.row_security as TableFacts['rowSecurity'],
      policies: sorted(t.policies),
      triggers: sorted(t.triggers),
      grants: sorted(t.grants),
    };
  }
  const functions: Inventory['functions'] = {};
  for (const f of await rows(functionsQuery)) functions[f.name as string] = { securityDefiner: f.security_definer === true, grants: sorted(f.grants) };
  const roles = (await rows(rolesQuery)).map((r) => r.name as string);
  const migrations = tables['drizzle.__drizzle_migrations']?.rows ?? 0;
  return { server: `PostgreSQL ${version}`, owner, migrations, tables, functions, roles, audit: await auditOf(audit, 'public.audit_log' in tables, anchor) };
}

async function auditOf(repo: Pick<AuditRepository, 'page'>, present: boolean, anchor?: string | null): Promise<Inventory['audit']> {
  if (!present) return { rows: 0, head: null, whole: true, text: 'Databasen har ingen granskningslogg.' };
  const verdict = await verifyAuditChain(repo, (anchor && parseAnchor(anchor)) || undefined);
  const { whole, text } = describeCheck(verdict);
  // A broken chain has no head to anchor to: a restore must then break at the same row instead.
  return { rows: verdict.rows, head: whole && verdict.last ? `${verdict.last.id}:${verdict.last.hash}` : null, whole, text };
}
