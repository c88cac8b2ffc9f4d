import type { agendaItemSchema } from '#contracts/agenda.ts';
import { meetingTypeValues } from '#contracts/meetings.ts';
import type { z } from '#contracts/zod.ts';
import { t } from '#lib/i18n.ts';
import { sv } from '#lib/messages/sv.ts';

type Item = z.infer<typeof agendaItemSchema>;

/** An agenda item's title in the reader's language (the API's titles are its Swedish words for the kind). */
export function agendaTitle(item: Item): string {
  switch (item.kind) {
    case 'meeting': {
      const type = meetingTypeValues.find((m) => sv[`meetingType.${m}`] === item.title);
      return type ? t(`meetingType.${type}`) : item.title;
    }
    case 'walk_and_talk':
    case 'booking':
      return 'Walk-and-talk';
    default:
      return t(`agenda.kind.${item.kind}`);
  }
}
