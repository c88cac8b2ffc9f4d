import { looksLikeFullName, pseudonym } from '../labels.ts';
import { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { apiGet } from './api.ts';
import type { FieldErrors } from './forms.ts';

/** A made-up label the person has not used yet, from the labels `path` lists (their meetings or the team's cases). */
export async function suggestedLabel(fetch: typeof globalThis.fetch, path: '/api/meetings' | '/api/cases'): Promise<string> {
  const taken = await apiGet(fetch, path, z.array(z.object({ label: z.string() }).loose()));
  return pseudonym(taken.map((m) => m.label));
}

/** A label that looks like a first name and a surname is sent only once the person has said it is not a name. */
export function nameLikeLabel(values: Record<string, string>): FieldErrors {
  return values.label && looksLikeFullName(values.label) && values.notAName !== 'yes' ? [{ field: 'label', message: t('label.confirmNotName') }] : [];
}
