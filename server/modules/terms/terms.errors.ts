import { errors } from '../../lib/errors.ts';

export const termErrors = {
  notFound: () => errors.notFound('Terminen eller lovet finns inte, eller så har du inte tillgång till det.'),
  notPrincipal: () => errors.forbidden('Terminer, lov och bokningsplikt läggs in av rektor eller förskolechef (eller systemförvaltaren).'),
  notSchool: () => errors.invalid('Terminer och lov hör till skolor, förskolor och förskoleenheter.'),
  overlap: (name: string) => errors.invalid(`Terminen överlappar ${name}.`, [{ field: 'startsOn', message: 'Välj datum som inte överlappar en annan termin.' }]),
  notTerm: () => errors.invalid('Bokningsplikt gäller terminer, inte lov.', [{ field: 'bookingRequired', message: 'Välj en termin.' }]),
  notRequired: () => errors.invalid('Bokning är inte obligatorisk den här terminen. Gör den obligatorisk först, så kan du påminna.'),
  over: () => errors.invalid('Terminen är redan slut.'),
  notPedagogue: () => errors.invalid('Påminnelser går till verksamhetens pedagoger.', [{ field: 'userIds', message: 'Någon av de valda är inte pedagog här.' }]),
  reminderNotFound: () => errors.notFound('Påminnelsen finns inte.'),
};
