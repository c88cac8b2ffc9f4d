import type { Me } from '#contracts/auth.ts';
import { stockholmDate } from '#contracts/time.ts';
import { formatShortDate } from '#lib/server/format.ts';
import type { z } from '#contracts/zod.ts';
import type { reminderSchema } from '#contracts/terms.ts';
import { t } from '../i18n.ts';

type Reminder = z.infer<typeof reminderSchema>;

/**
 * A reminder as the start page says it: "Din förskolechef Ulrika Stål påminner dig om att boka en
 * walk-and-talk under Höstterminen 2026 (till 18 december)." The sender leads the pedagogue's own
 * place, so the place's kind says whether they are a rektor or a förskolechef.
 */
export function reminderView(r: Reminder, user: Me, now: Date) {
  const today = stockholmDate(now);
  const place = user.memberships.find((m) => m.organisationName === r.organisationName);
  const preschool = place?.organisationKind === 'preschool' || place?.organisationKind === 'preschool_unit';
  const vars = { term: r.periodName, until: formatShortDate(r.endsOn, today) };
  return {
    id: r.id,
    periodName: r.periodName,
    text: r.sentByName
      ? t('reminder.text', { ...vars, name: r.sentByName, role: t(preschool ? 'reminder.rolePreschool' : 'reminder.roleSchool') })
      : t('reminder.textNoSender', vars),
  };
}
