import { caseOpeningMeetingTypes } from '../../contracts/meetings.ts';
import { stockholmDate } from '../../contracts/time.ts';
import type { Actor } from '../../lib/access.ts';
import { auditFacts } from '../audit/audit.models.ts';
import { lockedMeeting, type MeetingAccess } from './meetings.access.ts';
import { meetingErrors } from './meetings.errors.ts';
import type { MeetingsDeps } from './meetings.service.ts';

/** How a meeting went; a held anmälningsmöte opens the case. */
export function createMeetingOutcome({ repo, transaction, clock }: MeetingsDeps, { visible, audit, orgIdsOf }: MeetingAccess) {
  /**
   * An assigned worker records how it went. A held anmälningsmöte opens a case in the same
   * transaction, and so does a held ansöknings- or kartläggningsmöte when the outcome says so
   * (`openCase`); its responsible worker is the one recording, and everyone in the meeting met
   * the family, so continuity holds from there.
   */
  async function recordOutcome(actor: Actor, id: string, body: { held: boolean; reportFiled?: boolean; openCase?: boolean; notes?: string }) {
    const { m, workers } = await visible(repo, actor, id);
    if (!workers.some((w) => w.active && w.userId === actor.userId)) throw meetingErrors.notAssigned();
    if (body.openCase !== undefined && !caseOpeningMeetingTypes.includes(m.type)) throw meetingErrors.noCaseFromType();
    if (body.openCase && !body.held) throw meetingErrors.noCaseIfNotHeld();
    return transaction(async (tx) => {
      const locked = await lockedMeeting(tx, id, ['scheduled'], meetingErrors.finished);
      if (locked.startsAt! > clock.now()) throw meetingErrors.notStarted();
      let caseId: string | null = null;
      const report = m.type === 'report_meeting';
      if (body.held && (report || body.openCase)) {
        const workerIds = workers.filter((w) => w.active).map((w) => w.userId);
        caseId = await tx.cases.insert({
          teamId: m.teamId,
          label: m.label,
          // The meeting the case came from: its social workers met the family.
          reportMeetingId: m.id,
          createdBy: actor.userId,
          createdAt: clock.now(),
          // At an anmälningsmöte the school reported unless the outcome says no report was
          // filed; at an ansöknings- or kartläggningsmöte the family asked, nobody reported.
          organisations: [{ id: m.organisationId, reporter: report ? (body.reportFiled ?? true) : (body.reportFiled ?? false) }],
          responsibleId: actor.userId,
          workerIds: [actor.userId, ...workerIds.filter((w) => w !== actor.userId)],
          // The report came in at the meeting, when one was filed.
          ...((report ? body.reportFiled !== false : body.reportFiled === true) ? { reportReceivedOn: stockholmDate(locked.startsAt!) } : {}),
        });
      }
      await tx.recordOutcome(id, { held: body.held, reportFiled: body.reportFiled ?? null, notes: body.notes || null, byUserId: actor.userId, caseId }, clock.now());
      await audit(tx, actor, { ...m, caseId }, 'meeting.outcome');
      if (caseId) {
        await tx.audit.append([auditFacts(actor, { action: 'case.open', targetType: 'case', targetId: caseId, caseId, organisationIds: orgIdsOf(m) }, clock.now())]);
      }
      return { status: body.held ? ('held' as const) : ('not_held' as const), ...(caseId ? { caseId } : {}) };
    });
  }


  return { recordOutcome };
}
