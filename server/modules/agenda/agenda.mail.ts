import { longDate } from '../../contracts/time.ts';
import type { OutboxMessage } from '../mail/mail.repository.ts';
import { hello, render } from '../mail/mail.templates.ts';

export type CheckInFacts = { caseId: string; userId: string; name: string; closedOn: string; months: number };

/**
 * "Vi ringer efter några månader": the responsible worker hears that a closed case's check-in call
 * is due, once per case. Like every mail, it names no family: the case shows that once signed in.
 */
export function checkInMail(f: CheckInFacts, baseUrl: string): OutboxMessage {
  const link = `/arenden/${f.caseId}?visa=vag`;
  const mail = render({
    subject: 'Dags för ett uppföljande samtal med en familj',
    greeting: hello(f),
    lead: `Ett ärende där du var ansvarig avslutades för ${f.months === 1 ? 'en månad' : `${f.months} månader`} sedan. Som ni lovade familjen är det dags att ringa och höra hur det går. I portalen ser du vilket ärende det gäller och kan skriva in att samtalet är gjort.`,
    facts: [['Ärendet avslutades', longDate(f.closedOn)]],
    link: { href: `${baseUrl}${link}`, text: 'Öppna ärendet' },
    invite: false,
  });
  return { dedupeKey: `check-in:${f.caseId}`, recipientId: f.userId, kind: 'reminder.check_in', ...mail, ics: null, link };
}
