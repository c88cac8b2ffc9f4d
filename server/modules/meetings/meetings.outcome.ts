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
   * transaction; its responsible worker is the one recording, who met the family.
   */
  async function recordOutcome(actor: Actor, id: string, body: { held: boolean; reportFiled?: boolean; notes?: string }) {
    const { m, workers } = await visible(repo, actor, id);
    if (!workers.some((w) => w.active && w.userId === actor.userId)) throw meetingErrors.notAssigned();
    return transaction(async (tx) => {
      const locked = await lockedMeeting(tx, id, ['scheduled'], meetingErrors.finished);
      if (locked.startsAt! > clock.now()) throw meetingErrors.notStarted();
      let caseId: string | null = null;
      if (body.held && m.type === 'report_meeting') {
        const workerIds = workers.filter((w) => w.active).map((w) => w.userId);
        caseId = await tx.cases.insert({
          teamId: m.teamId,
          label: m.label,
          reportMeetingId: m.id,
          createdBy: actor.userId,
          createdAt: clock.now(),
          // The school reported unless the outcome says no report of concern was filed.
          organisations: [{ id: m.organisationId, reporter: body.reportFiled ?? true }],
          responsibleId: actor.userId,
          workerIds: [actor.userId, ...workerIds.filter((w) => w !== actor.userId)],
          // The report came in at the meeting, unless the outcome says none was filed.
          ...(body.reportFiled === false ? {} : { reportReceivedOn: stockholmDate(locked.startsAt!) }),
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
