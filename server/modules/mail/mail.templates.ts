// Every mail the service sends, in one place, so what a mail may say can be read in one sitting.
// The facts types carry no note, label, reason or feedback text: a mail cannot leak what it was
// never given. Time, place, kind, the names of the staff involved and a link into the portal.
import { formatDate, formatDay, formatTime } from '../../contracts/time.ts';
import { calendarInvite } from '../../lib/invite.ts';
import type { OutboxMessage } from './mail.repository.ts';

export type Person = { userId: string; name: string; email: string };

export type BookingMailFacts = {
  bookingId: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  location: string;
  organisationName: string;
  booker: Person;
  hosts: Person[];
  stamp: Date;
};

export type MeetingMailFacts = {
  meetingId: string;
  /** "Anmälningsmöte", "Samverkansmöte med polisen", … */
  typeName: string;
  /** The same as a sentence says it: "ett anmälningsmöte", "en uppföljning". */
  typePhrase: string;
  urgent: boolean;
  sequence: number;
  startsAt: Date | null;
  endsAt: Date | null;
  /** Where, as people say it: the school's name, the office, or "Digitalt". */
  place: string;
  organisationName: string;
  requester: Person | null;
  workers: Person[];
  stamp: Date;
};

export type BookingEvent = 'booked' | 'moved' | 'cancelled' | 'reminder';
export type MeetingEvent = 'requested' | 'scheduled' | 'rescheduled' | 'cancelled' | 'reminder' | 'still-unscheduled';

const FOOTER = 'Det här är ett automatiskt meddelande från Samverkan. Det innehåller aldrig uppgifter om barn eller familjer: allt sådant finns bara i portalen.';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const when = (start: Date, end: Date) => `${formatDay(start)} kl. ${formatTime(start)}–${formatTime(end)}`;
const names = (people: Person[]) => (people.length <= 1 ? (people[0]?.name ?? '') : `${people.slice(0, -1).map((p) => p.name).join(', ')} och ${people.at(-1)!.name}`);

export type Mail = { subject: string; greeting: string; lead: string; facts: [string, string][]; link: { href: string; text: string }; invite: boolean };

/** A mail's text and HTML parts from the same lines. */
export function render(m: Mail): { subject: string; text: string; html: string } {
  const facts = m.facts.map(([k, v]) => `${k}: ${v}`).join('\n');
  const text = [m.greeting, m.lead, facts, `${m.link.text}: ${m.link.href}`, ...(m.invite ? ['Inbjudan till din kalender finns i meddelandet.'] : []), FOOTER]
    .filter(Boolean)
    .join('\n\n');
  const rows = m.facts.map(([k, v]) => `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const html = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(m.subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:36em">
<p>${escapeHtml(m.greeting)}</p><p>${escapeHtml(m.lead)}</p>
<table style="border-collapse:collapse">${rows}</table>
<p><a href="${escapeHtml(m.link.href)}" style="color:#0b5394">${escapeHtml(m.link.text)}</a></p>
${m.invite ? '<p>Inbjudan till din kalender finns i meddelandet.</p>' : ''}
<p style="color:#555;font-size:14px">${escapeHtml(FOOTER)}</p></body></html>`;
  return { subject: m.subject, text, html };
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const hello = (p: Pick<Person, 'name'>) => `Hej ${p.name.split(' ')[0]}!`;

/** Mails about one booking: to the person who booked and to each host, with the invite. */
export function bookingMails(event: BookingEvent, f: BookingMailFacts, baseUrl: string): OutboxMessage[] {
  const time = when(f.startsAt, f.endsAt);
  const short = `${formatDay(f.startsAt)} kl. ${formatTime(f.startsAt)}`;
  const ics = calendarInvite(
    'walk-and-talk',
    'Mina bokningar',
    {
      uid: `booking-${f.bookingId}@samverkan`,
      sequence: f.sequence,
      cancelled: event === 'cancelled',
      startsAt: f.startsAt,
      endsAt: f.endsAt,
      summary: `Walk-and-talk med ${names(f.hosts) || 'socialtjänsten'}`,
      location: `${f.location}, ${f.organisationName}`,
      organizer: f.hosts[0] && { name: f.hosts[0].name, email: f.hosts[0].email },
      stamp: f.stamp,
    },
    { kind: 'mail', attendees: [f.booker, ...f.hosts] },
  );
  const facts: [string, string][] = [
    ['När', time],
    ['Var', `${f.location}, ${f.organisationName}`],
  ];
  const reminder = event === 'reminder';
  const subject = {
    booked: `Bokad: walk-and-talk ${short}`,
    moved: `Flyttad: walk-and-talk, nu ${short}`,
    cancelled: `Inställd: walk-and-talk ${short}`,
    reminder: `Påminnelse: walk-and-talk i morgon kl. ${formatTime(f.startsAt)}`,
  }[event];
  const toBooker = render({
    subject,
    greeting: hello(f.booker),
    lead: { booked: 'Din walk-and-talk är bokad.', moved: 'Din walk-and-talk har flyttats till en ny tid.', cancelled: 'Din walk-and-talk är inställd.', reminder: 'Du har en walk-and-talk i morgon.' }[event],
    facts: [...facts, ['Med', names(f.hosts)]],
    link: { href: `${baseUrl}/mina-bokningar`, text: 'Se dina bokningar i Samverkan' },
    invite: !reminder,
  });
  const toHost = (host: Person) =>
    render({
      subject,
      greeting: hello(host),
      lead: {
        booked: `${f.booker.name} på ${f.organisationName} har bokat en walk-and-talk med dig.`,
        moved: `${f.booker.name} på ${f.organisationName} har flyttat sin walk-and-talk med dig.`,
        cancelled: `Walk-and-talken med ${f.booker.name} på ${f.organisationName} är inställd.`,
        reminder: `Du har en walk-and-talk med ${f.booker.name} på ${f.organisationName} i morgon.`,
      }[event],
      facts,
      link: { href: `${baseUrl}/min-vecka`, text: 'Se din vecka i Samverkan' },
      invite: !reminder,
    });
  // A reminder is once per time the booking has: a move to another day earns a new one.
  const key = (p: Person) => (reminder ? `reminder:booking:${f.bookingId}:${f.startsAt.toISOString()}:${p.userId}` : `booking:${f.bookingId}:${f.sequence}:${event}:${p.userId}`);
  const kind = reminder ? 'reminder.booking' : `booking.${event}`;
  const invite = reminder ? null : ics;
  return [
    { dedupeKey: key(f.booker), recipientId: f.booker.userId, kind, ...toBooker, ics: invite, link: '/mina-bokningar' },
    ...f.hosts.map((h) => ({ dedupeKey: key(h), recipientId: h.userId, kind, ...toHost(h), ics: invite, link: '/min-vecka' })),
  ];
}

/**
 * Mails about one meeting. A request goes to `recipients` (the team lead and the organisation's
 * contacts); a time, a move or a cancellation to the person who asked and the workers, with the
 * invite when the meeting has a time.
 */
export function meetingMails(event: MeetingEvent, f: MeetingMailFacts, recipients: Person[], baseUrl: string): OutboxMessage[] {
  const path = `/moten/${f.meetingId}`;
  const link = { href: `${baseUrl}${path}`, text: 'Öppna mötet i Samverkan' };
  const timed = f.startsAt && f.endsAt ? { startsAt: f.startsAt, endsAt: f.endsAt } : null;
  const short = timed ? `${formatDay(timed.startsAt)} kl. ${formatTime(timed.startsAt)}` : '';
  const withInvite = event === 'scheduled' || event === 'rescheduled' || event === 'cancelled';
  const ics =
    timed && withInvite
      ? calendarInvite(
          'meetings',
          'Mina möten',
          {
            uid: `meeting-${f.meetingId}@samverkan`,
            sequence: f.sequence,
            cancelled: event === 'cancelled',
            startsAt: timed.startsAt,
            endsAt: timed.endsAt,
            summary: `${f.typeName}, ${f.organisationName}`,
            location: f.place,
            organizer: f.workers[0] && { name: f.workers[0].name, email: f.workers[0].email },
            stamp: f.stamp,
          },
          { kind: 'mail', attendees: [...f.workers, ...(f.requester ? [f.requester] : [])] },
        )
      : null;
  const kind = f.typeName.toLowerCase();
  const subject = {
    requested: `${f.urgent ? 'Brådskande begäran' : 'Ny begäran'}: ${kind}, ${f.organisationName}`,
    scheduled: `Bokat: ${kind} ${short}, ${f.organisationName}`,
    rescheduled: `Flyttat: ${kind}, nu ${short}, ${f.organisationName}`,
    cancelled: `Inställt: ${kind}${short ? ` ${short}` : ''}, ${f.organisationName}`,
    reminder: `Påminnelse: ${kind} i morgon${timed ? ` kl. ${formatTime(timed.startsAt)}` : ''}, ${f.organisationName}`,
    'still-unscheduled': `Fortfarande utan tid: brådskande ${kind}, ${f.organisationName}`,
  }[event];
  const lead = {
    requested: `${f.requester ? `${f.requester.name} på ${f.organisationName}` : f.organisationName} har begärt ${f.typePhrase}.${f.urgent ? ' Begäran är brådskande.' : ''} Föreslagna tider och allt annat finns i Samverkan.`,
    scheduled: `${capital(f.typePhrase)} med ${f.organisationName} har fått en tid.`,
    rescheduled: `${capital(f.typePhrase)} med ${f.organisationName} har flyttats till en ny tid.`,
    cancelled: `${capital(f.typePhrase)} med ${f.organisationName} har ställts in.`,
    reminder: `${capital(f.typePhrase)} med ${f.organisationName} är i morgon.`,
    'still-unscheduled': `${capital(f.typePhrase)} som ${f.requester ? `${f.requester.name} på ${f.organisationName}` : f.organisationName} begärde är brådskande och har ännu ingen tid. Boka en tid i Samverkan.`,
  }[event];
  const facts: [string, string][] = timed
    ? [
        ['När', when(timed.startsAt, timed.endsAt)],
        ['Var', f.place],
        ['Socialsekreterare', names(f.workers)],
      ]
    : [['Verksamhet', f.organisationName]];
  const key = (p: Person) =>
    event === 'reminder'
      ? `reminder:meeting:${f.meetingId}:${timed?.startsAt.toISOString()}:${p.userId}`
      : event === 'still-unscheduled'
        ? `meeting:${f.meetingId}:still-unscheduled:${p.userId}`
        : `meeting:${f.meetingId}:${f.sequence}:${event}:${p.userId}`;
  // An urgent request, and the word that it still has no time, are the mails nobody can turn off.
  const kindOf = () => ((event === 'requested' && f.urgent) || event === 'still-unscheduled' ? 'meeting.urgent' : event === 'reminder' ? 'reminder.meeting' : `meeting.${event}`);
  return recipients.map((p) => ({
    dedupeKey: key(p),
    recipientId: p.userId,
    kind: kindOf(),
    ...render({ subject, greeting: hello(p), lead, facts, link, invite: ics !== null }),
    ics,
    link: path,
  }));
}

/**
 * A consent ends soon: to the case's workers, so they can talk to the guardians in time. No
 * organisation, scope or label: the link leads to the case, where the rest is.
 */
export function consentEndingMails(f: { consentId: string; caseId: string; validUntil: string }, recipients: Person[], baseUrl: string): OutboxMessage[] {
  const path = `/arenden/${f.caseId}?visa=samtycke`;
  const subject = `Ett samtycke upphör ${formatDate(f.validUntil)}`;
  return recipients.map((p) => ({
    dedupeKey: `consent:${f.consentId}:ending:${f.validUntil}:${p.userId}`,
    recipientId: p.userId,
    kind: 'consent.ending',
    ...render({
      subject,
      greeting: hello(p),
      lead: 'Ett samtycke i ett av dina ärenden upphör snart. Efter det kan skolan och socialtjänsten inte längre återkoppla till varandra i ärendet, om inte vårdnadshavarna lämnar ett nytt samtycke.',
      facts: [['Gäller till och med', formatDate(f.validUntil)]],
      link: { href: `${baseUrl}${path}`, text: 'Öppna ärendet i Samverkan' },
      invite: false,
    }),
    ics: null,
    link: path,
  }));
}

/**
 * New feedback in a case: to the other side. Neither the text nor the scope: only that there is
 * something to read, and where.
 */
export function feedbackMails(f: { feedbackId: string; caseId: string; to: 'team' | 'school' }, recipients: Person[], baseUrl: string): OutboxMessage[] {
  const path = f.to === 'team' ? `/arenden/${f.caseId}?visa=samtycke` : `/aterkoppling/${f.caseId}`;
  return recipients.map((p) => ({
    dedupeKey: `feedback:${f.feedbackId}:${p.userId}`,
    recipientId: p.userId,
    kind: 'feedback.new',
    ...render({
      subject: 'Ny återkoppling i Samverkan',
      greeting: hello(p),
      lead: f.to === 'team' ? 'Skolan har skrivit en ny återkoppling i ett av dina ärenden.' : 'Socialtjänsten har skrivit en ny återkoppling till er.',
      facts: [],
      link: { href: `${baseUrl}${path}`, text: 'Läs återkopplingen i Samverkan' },
      invite: false,
    }),
    ics: null,
    link: path,
  }));
}

/**
 * Statutory feedback still owed to a reporting school or preschool (SoL 14 kap. 1 b §): to the
 * case's workers, in time for the 14 days a förhandsbedömning may take. Who reported is not named.
 */
export function statutoryDueMails(f: { caseId: string; organisationId: string }, recipients: Person[], baseUrl: string): OutboxMessage[] {
  const path = `/arenden/${f.caseId}?visa=samtycke`;
  return recipients.map((p) => ({
    dedupeKey: `statutory:${f.caseId}:${f.organisationId}:due:${p.userId}`,
    recipientId: p.userId,
    kind: 'feedback.statutory-due',
    ...render({
      subject: 'Återkoppling till en anmälare väntar',
      greeting: hello(p),
      lead: 'I ett av dina ärenden väntar en verksamhet som anmälde på besked om en utredning har inletts, inte inletts eller redan pågår. Beskedet ges utan samtycke, och förhandsbedömningen ska vara klar inom 14 dagar från anmälan.',
      facts: [],
      link: { href: `${baseUrl}${path}`, text: 'Öppna ärendet i Samverkan' },
      invite: false,
    }),
    ics: null,
    link: path,
  }));
}
