import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type DbOrTx, type Tx } from './client.ts';

/**
 * What the database lets a use case see (row-level security, migration 0008): the teams it acts
 * for, the organisations it speaks for on the school side, and the instant and Stockholm day
 * that decide whether a consent holds.
 */
export type Tenancy = { teamIds: string[]; schoolOrganisationIds: string[]; now: Date; today: string };

const pgArray = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * A transaction held to a tenancy. It runs as the role `samverkan_app`, for which row-level
 * security is enforced, with the tenancy in transaction-local settings: even a query that forgets
 * a check sees only rows of the actor's teams and organisations, and school feedback only while
 * a consent covers it. A unit's staff speak for its preschools too. Each module builds its own
 * repositories over the transaction it is given.
 */
export function tenantTransaction(db: Db) {
  return <T>(tenancy: Tenancy, work: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx) => {
      await tx.execute(sql`set local role samverkan_app`);
      await holdTo(tx, tenancy);
      return work(tx);
    });
}

/** The same, handing the work the repositories a module builds over the transaction. */
export function tenantTransactionWith<R>(db: Db, repositories: (tx: Tx) => R) {
  const run = tenantTransaction(db);
  return <T>(tenancy: Tenancy, work: (repos: R) => Promise<T>) => run(tenancy, (tx) => work(repositories(tx)));
}

/** Puts a tenancy in the transaction's settings, where the row-level policies read it. */
export async function holdTo(tx: Tx, tenancy: Tenancy) {
  await tx.execute(sql`select
      set_config('app.team_ids', ${pgArray(tenancy.teamIds)}, true),
      set_config('app.organisation_ids', (select coalesce(array_agg(o.id), '{}')::text from organisations o
        where o.id = any(${pgArray(tenancy.schoolOrganisationIds)}::uuid[]) or o.parent_id = any(${pgArray(tenancy.schoolOrganisationIds)}::uuid[])), true),
      set_config('app.now', ${tenancy.now.toISOString()}, true),
      set_config('app.today', ${tenancy.today}, true)`);
}

/** What a tenant transaction may ask of its own tenancy. */
export function tenancyReads(db: DbOrTx) {
  return {
    /** The organisations the actor speaks for in this transaction, a unit's preschools included. */
    async schoolOrganisations(): Promise<string[]> {
      const rows = await db.execute<{ ids: string[] | string }>(sql`select app_uuids('app.organisation_ids')::text[] as ids`);
      const ids = rowsOf<{ ids: string[] | string }>(rows)[0]?.ids ?? [];
      return typeof ids === 'string' ? parseArray(ids) : ids;
    },
  };
}

function parseArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner ? inner.split(',') : [];
}
