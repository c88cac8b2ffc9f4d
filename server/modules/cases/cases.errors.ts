import type { PathProblem } from '../../contracts/case-path.ts';
import { AppError, errors } from '../../lib/errors.ts';

const names = (list: string[]) => (list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} eller ${list.at(-1)}`);

export const caseErrors = {
  notFound: () => errors.notFound('Ärendet finns inte, eller så har du inte tillgång till det.'),
  notTeam: () => errors.forbidden('Ärenden skapas av teamets socialsekreterare och enhetschef.'),
  oneTeam: () => errors.invalid('Alla verksamheter i ett ärende ska höra till samma team.', [{ field: 'organisationIds', message: 'Välj verksamheter som ditt team arbetar med.' }]),
  notAWorker: (field: string) => errors.invalid('Välj socialsekreterare i teamet.', [{ field, message: 'Någon av de valda är inte socialsekreterare i teamet.' }]),
  mayNotChange: () => errors.forbidden('Bara ärendets socialsekreterare och enhetschefen kan byta handläggare.'),
  path: (problem: PathProblem) => errors.invalid(problem.message, [problem]),
  onlyLead: () => errors.forbidden('Bara enhetschefen kan läsa ärendets logg.'),
  continuity: (met: string[], isLead: boolean) =>
    new AppError(
      'continuity_required',
      `Minst en av dem som träffade familjen på anmälningsmötet (${names(met)}) ska vara kvar i ärendet. ` +
        (isLead ? 'Ange ett skäl om du ändå vill göra bytet.' : 'Enhetschefen kan göra undantag med ett skäl.'),
    ),
};
