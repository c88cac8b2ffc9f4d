import { errors } from '../../lib/errors.ts';

export const feedbackErrors = {
  notFound: () => errors.notFound('Meddelandet finns inte, eller så har du inte tillgång till det.'),
  notYours: () => errors.notFound('Verksamheten finns inte i ärendet, eller så har du inte tillgång till den.'),
  teamReads: () => errors.forbidden('Återkopplingen skrivs och läses av ärendets socialsekreterare.'),
  ownMessage: () => errors.invalid('Kvittensen lämnas av den som tar emot meddelandet.'),
  onlyWorkersStatutory: () => errors.forbidden('Återkoppling till anmälaren lämnas av ärendets socialsekreterare.'),
  notReporter: () => errors.invalid('Verksamheten gjorde ingen anmälan i ärendet. Återkoppling till anmälare går bara till den som anmälde.', [{ field: 'organisationId', message: 'Välj verksamheten som gjorde anmälan.' }]),
  statutoryGiven: () => errors.invalid('Anmälaren har redan fått återkoppling i det här ärendet.'),
  inboxNotFound: () => errors.notFound('Verksamheten finns inte, eller så har du inte tillgång till dess återkoppling.'),
};
