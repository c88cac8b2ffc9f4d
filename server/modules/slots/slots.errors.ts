import { formatDay, formatTime } from '../../contracts/time.ts';
import { AppError, errors } from '../../lib/errors.ts';

const when = (at: Date) => `${formatDay(at)} kl. ${formatTime(at)}`;

export const slotErrors = {
  notHost: () => errors.forbidden('Bara värdarna och enhetschefen kan ändra den här tiden.'),
  seriesNotFound: () => errors.notFound('Serien finns inte, eller så har du inte tillgång till den.'),
  notPublisher: () => errors.forbidden('Bara teamets socialsekreterare och enhetschef kan lägga ut tider.'),
  ownSeries: () => errors.invalid('Du kan bara lägga ut tider där du själv är en av värdarna.', [{ field: 'hostIds', message: 'Välj dig själv som en av värdarna.' }]),
  unknownHost: () => errors.invalid('Värdarna måste höra till teamet som har verksamheten.', [{ field: 'hostIds', message: 'Välj personer i teamet.' }]),
  empty: () => errors.invalid('Serien får inga tider: alla datum hoppas över. Se förhandsvisningen och ändra datum eller veckodag.', [{ field: 'until', message: 'Inga tider blir kvar.' }]),
  window: () =>
    errors.invalid('Välj en period där slutet kommer efter början och som är högst ett år lång.', [{ field: 'to', message: 'Högst ett år efter början.' }]),
  cancelled: () => errors.invalid('Tiden är redan inställd.'),
  past: () => errors.invalid('Tiden har redan varit och kan inte ändras.'),
  moveNotAllowed: (label: string) => new AppError('schedule_conflict', `Tiden kan inte flyttas dit: ${label}.`),
  hostBusy: (name: string, at: Date) => new AppError('schedule_conflict', `${name} har redan en annan tid ${when(at)}.`),
  seriesClash: () => new AppError('schedule_conflict', 'En av värdarna har redan en tid som krockar med serien. Förhandsgranska serien igen och försök sedan på nytt.'),
};
