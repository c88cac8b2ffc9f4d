import { formatDay, formatTime } from '../../contracts/time.ts';
import { AppError, errors, type Alternative } from '../../lib/errors.ts';

const when = (at: Date) => `${formatDay(at)} kl. ${formatTime(at)}`;

export const bookingErrors = {
  notStaff: () => errors.forbidden('Walk-and-talk bokas av personalen på förskolan eller skolan.'),
  notFound: () => errors.notFound('Bokningen finns inte, eller så har du inte tillgång till den.'),
  slotNotFound: () => errors.notFound('Tiden finns inte, eller så har du inte tillgång till den.'),
  dropIn: () => errors.invalid('Tider på plats bokas inte: kom förbi under tiden.'),
  past: () => errors.invalid('Tiden har redan varit. Välj en tid som inte har passerat.'),
  alreadyBooked: () => errors.invalid('Du har redan bokat den här tiden. Du hittar den under Mina bokningar.'),
  alreadyCancelled: () => errors.invalid('Bokningen är redan avbokad.'),
  otherOrganisation: () => errors.invalid('Du kan bara flytta till en tid hos samma verksamhet.', [{ field: 'slotId', message: 'Välj en annan tid hos samma verksamhet.' }]),
  sameSlot: () => errors.invalid('Välj en annan tid än den du redan har.', [{ field: 'slotId', message: 'Välj en annan tid.' }]),
  notYet: () => errors.invalid('Du kan markera genomförd eller uteblev först när tiden har börjat.'),
  notHost: () => errors.forbidden('Bara värdarna och enhetschefen kan markera hur tiden gick.'),
  notBooker: () => errors.forbidden('Bara den som bokade kan flytta bokningen.'),
  taken: (alternatives: Alternative[]) =>
    new AppError(
      'slot_taken',
      alternatives.length > 0
        ? `Tiden hann bli fullbokad. Lediga tider: ${alternatives.map((a) => when(new Date(a.startsAt))).join(', ')}.`
        : 'Tiden hann bli fullbokad, och det finns inga fler lediga tider just nu.',
      { alternatives },
    ),
  slotCancelled: () => new AppError('slot_taken', 'Tiden är inställd och går inte att boka. Välj en annan tid.'),
};
