import { describe, expect, test } from 'vitest';
import type { Inventory } from '../../server/modules/backup/backup.inventory.ts';
import { differences } from '../../server/modules/backup/backup.manifest.ts';

const backup: Inventory = {
  server: 'PostgreSQL 17.2',
  owner: 'samverkan_owner',
  migrations: 26,
  tables: {
    'public.audit_log': { rows: 12, rowSecurity: 'off', policies: '', triggers: 'audit_log_no_truncate, audit_log_no_update_delete', grants: 'samverkan_app INSERT, samverkan_app SELECT' },
    'public.consents': {
      rows: 3,
      rowSecurity: 'forced',
      policies: 'consents_insert, consents_read, consents_withdraw',
      triggers: 'consents_withdrawal_final',
      grants: 'samverkan_app INSERT, samverkan_app SELECT, samverkan_app UPDATE (withdrawn_at)',
    },
  },
  functions: { 'public.purge_closed_case(p_case uuid, p_months integer)': { securityDefiner: true, grants: 'samverkan_app EXECUTE' } },
  roles: ['samverkan_app', 'samverkan_owner'],
  audit: { rows: 12, head: `12:${'a'.repeat(64)}`, whole: true, text: 'Granskningsloggen är hel: 12 rader, kedjan stämmer.' },
};
const restored = (change: (inv: Inventory) => void) => {
  const copy = structuredClone(backup);
  change(copy);
  return copy;
};

describe('what a restore is checked against', () => {
  test('the same database has no differences', () => {
    expect(differences(backup, structuredClone(backup))).toEqual([]);
  });

  test('a table with fewer rows, a lost policy, a lost grant and a forced security turned off are each named', () => {
    const got = restored((inv) => {
      inv.tables['public.consents'] = { ...inv.tables['public.consents']!, rows: 2, rowSecurity: 'on', policies: 'consents_insert, consents_withdraw', grants: 'samverkan_app INSERT, samverkan_app SELECT, samverkan_app UPDATE' };
    });
    expect(differences(backup, got)).toEqual([
      'public.consents: 2 rader, kopian hade 3.',
      'public.consents: radsäkerhet on, kopian hade forced.',
      'public.consents: policyer – saknar consents_read.',
      'public.consents: behörigheter – saknar samverkan_app UPDATE (withdrawn_at); har utöver kopian samverkan_app UPDATE.',
    ]);
  });

  test('a missing table or function, an extra table and a security definer switched off are named', () => {
    const got = restored((inv) => {
      delete inv.tables['public.audit_log'];
      inv.tables['public.extra'] = { rows: 0, rowSecurity: 'off', policies: '', triggers: '', grants: '' };
      inv.functions['public.purge_closed_case(p_case uuid, p_months integer)']!.securityDefiner = false;
    });
    expect(differences(backup, got)).toEqual([
      'Tabellen public.audit_log saknas (12 rader i kopian).',
      'Tabellen public.extra fanns inte i kopian.',
      'Funktionen public.purge_closed_case(p_case uuid, p_months integer): security definer av, i kopian på.',
    ]);
  });

  test('an audit log that is not whole is reported in the verifier\'s words (unless the backup broke at the same row); one that ends elsewhere than the anchor, by both ends', () => {
    const broken = restored((inv) => {
      inv.audit = { rows: 4, head: null, whole: false, text: 'Granskningsloggen är bruten vid rad 5.' };
    });
    expect(differences(backup, broken)).toEqual(['Granskningsloggen är bruten vid rad 5.']);
    const longer = restored((inv) => {
      inv.audit = { ...inv.audit, head: `13:${'b'.repeat(64)}` };
    });
    const backedUpBroken = { ...backup, audit: { rows: 4, head: null, whole: false, text: 'Granskningsloggen är bruten vid rad 5.' } };
    expect(differences(backedUpBroken, broken)).toEqual([]);
    expect(differences(backedUpBroken, restored((inv) => (inv.audit = { ...broken.audit, text: 'Granskningsloggen är bruten vid rad 3.' })))).toEqual([
      'Granskningsloggen är bruten vid rad 3. I kopian: Granskningsloggen är bruten vid rad 5.',
    ]);
    expect(differences(backup, longer)).toEqual([`Granskningsloggen slutar inte vid ankaret från kopian: senaste rad är 13:${'b'.repeat(64)}, ankaret 12:${'a'.repeat(64)}.`]);
  });
});
