import { AppError, errors } from '../../lib/errors.ts';
import { formatDate } from '../../contracts/time.ts';

export const rosterErrors = {
  closedDay: (date: string, reason: string) =>
    errors.invalid(`Kontoret är stängt ${formatDate(date)} (${reason}). Jourtelefonen bemannas bara på arbetsdagar.`, [
      { field: 'date', message: 'Välj en arbetsdag.' },
    ]),
  notAWorker: () => errors.invalid('Personen är inte socialsekreterare i teamet.', [{ field: 'userId', message: 'Välj någon i teamet.' }]),
  absent: (name: string, date: string) =>
    new AppError('schedule_conflict', `${name} är borta ${formatDate(date)} och kan inte ha jourtelefonen den dagen.`),
  nothingToSwap: (date: string) => errors.invalid(`Ingen har jourtelefonen ${formatDate(date)}, så det finns inget att byta.`),
};
