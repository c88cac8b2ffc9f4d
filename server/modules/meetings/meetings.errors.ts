import { AppError, errors } from '../../lib/errors.ts';
import type { Clash } from './meetings.models.ts';

export const meetingErrors = {
  notFound: () => errors.notFound('Mötet finns inte, eller så har du inte tillgång till det.'),
  mayNotRequest: () => errors.forbidden('Möten begärs av rektor, elevhälsan, polisen eller teamet.'),
  policeType: () => errors.invalid('Polisen begär samverkansmöten.', [{ field: 'type', message: 'Välj samverkansmöte med polisen.' }]),
  schoolPoliceType: () => errors.invalid('Samverkansmöten med polisen begärs av polisen eller teamet.', [{ field: 'type', message: 'Välj en annan sorts möte.' }]),
  noTeam: () => errors.invalid('Verksamheten har inget team som tar emot möten ännu. Kontakta socialtjänsten.'),
  pastTime: (field: string) => errors.invalid('Föreslå tider som inte har passerat.', [{ field, message: 'Tiden har redan varit.' }]),
  mayNotSchedule: () => errors.forbidden('Möten bokas av enhetschefen eller verksamhetens kontaktpersoner.'),
  mayNotChange: () => errors.forbidden('Bara teamet och den som begärde mötet kan ändra det.'),
  notAssigned: () => errors.forbidden('Utfallet registreras av någon av socialsekreterarna på mötet.'),
  workers: (detail: string, field = 'socialWorkerIds') => errors.invalid(detail, [{ field, message: detail }]),
  notAWorker: () => errors.invalid('Välj socialsekreterare i teamet.', [{ field: 'socialWorkerIds', message: 'Någon av de valda är inte socialsekreterare i teamet.' }]),
  cancelled: () => errors.invalid('Mötet är inställt och kan inte ändras.'),
  alreadyScheduled: () => errors.invalid('Mötet har redan en tid. Flytta det i stället.'),
  notScheduled: () => errors.invalid('Mötet har ingen tid ännu.'),
  finished: () => errors.invalid('Mötet har redan ett registrerat utfall.'),
  noCaseFromType: () => errors.invalid('Ärenden öppnas från anmälningsmöten av sig själva, och från ansöknings- och kartläggningsmöten när ni väljer det.', [{ field: 'openCase', message: 'Det här mötet öppnar inga ärenden.' }]),
  noCaseIfNotHeld: () => errors.invalid('Ett ärende öppnas bara från ett möte som blev av.', [{ field: 'openCase', message: 'Mötet blev inte av.' }]),
  notStarted: () => errors.invalid('Utfallet kan registreras när mötet har börjat.'),
  clash: (clashes: Clash[]) => new AppError('schedule_conflict', `${clashes.map((c) => c.sentence).join(' ')} Välj en annan tid eller andra socialsekreterare.`),
  clashRace: () => new AppError('schedule_conflict', 'Någon av socialsekreterarna hann bokas på något annat just då. Välj en annan tid.'),
};
