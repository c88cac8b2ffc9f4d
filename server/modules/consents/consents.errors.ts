import { errors } from '../../lib/errors.ts';

export const consentErrors = {
  consentNotFound: () => errors.notFound('Samtycket finns inte, eller så har du inte tillgång till det.'),
  onlyWorkers: () => errors.forbidden('Bara ärendets socialsekreterare kan registrera och återkalla samtycken.'),
  teamOnly: () => errors.forbidden('Samtyckena i ett ärende visas för teamet.'),
  notOnCase: () => errors.invalid('Verksamheten hör inte till ärendet.', [{ field: 'organisationId', message: 'Välj en av ärendets verksamheter.' }]),
  alreadyOver: () => errors.invalid('Slutdatumet har redan passerat. Ett samtycke som redan gått ut kan inte registreras.', [{ field: 'validUntil', message: 'Välj ett slutdatum i dag eller senare.' }]),
  alreadyWithdrawn: () => errors.invalid('Samtycket är redan återkallat.'),
  alreadyEnded: () => errors.invalid('Samtycket har redan gått ut och behöver inte återkallas.'),
  noConsent: errors.noConsent,
};
