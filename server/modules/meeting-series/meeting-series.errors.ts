import { AppError, errors } from '../../lib/errors.ts';

export const seriesErrors = {
  notFound: () => errors.notFound('Mötesserien finns inte, eller så har du inte tillgång till den.'),
  notTeam: () => errors.forbidden('Mötesserier planeras av teamet som arbetar med verksamheten.'),
  ownSeries: () => errors.forbidden('Du kan bara planera serier där du själv är med. Enhetschefen kan planera åt andra.', ),
  notWorker: () => errors.invalid('Välj socialsekreterare i teamet.', [{ field: 'socialWorkerIds', message: 'Någon av de valda är inte socialsekreterare i teamet.' }]),
  policeOnly: () => errors.invalid('Samverkansmöten med polisen planeras med ett polisområde.', [{ field: 'organisationId', message: 'Välj ett polisområde.' }]),
  staffVisitPlace: () => errors.invalid('APT-besök görs på en skola eller förskola.', [{ field: 'organisationId', message: 'Välj en skola, förskola eller förskoleenhet.' }]),
  empty: () => errors.invalid('Inga datum blev kvar: alla föll på helgdagar, frånvaro, jourdagar eller andra möten, eller har redan varit. Ändra perioden eller tiden.'),
  cancelled: () => errors.invalid('Serien är redan inställd.'),
  mayNotCancel: () => errors.forbidden('Serien ställs in av någon som är med i den eller av enhetschefen.'),
  clashRace: () => new AppError('schedule_conflict', 'Någon av socialsekreterarna hann bokas på något annat just då. Förhandsgranska igen.'),
};
