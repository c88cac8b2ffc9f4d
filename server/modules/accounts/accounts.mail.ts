import { formatDay, formatTime } from '../../contracts/time.ts';
import type { OutboxMessage } from '../mail/mail.repository.ts';
import { hello, render } from '../mail/mail.templates.ts';

export type LinkMailFacts = { linkId: string; userId: string; name: string; token: string; expiresAt: Date; invitedBy?: string };

/** The page a one-time link opens: the token rides in the query, and the logs never show it. */
export const linkPath = (token: string) => `/valj-losenord?nyckel=${encodeURIComponent(token)}`;

/**
 * The invitation or reset mail: the only mails that carry a secret, so the outbox empties them
 * once sent. The portal's notification links to the sign-in page, never to the secret.
 */
export function linkMail(purpose: 'invitation' | 'password_reset', f: LinkMailFacts, baseUrl: string): OutboxMessage {
  const until = `${formatDay(f.expiresAt)} kl. ${formatTime(f.expiresAt)}`;
  const invitation = purpose === 'invitation';
  const mail = render({
    subject: invitation ? 'Välkommen till Samverkan: välj ditt lösenord' : 'Välj ett nytt lösenord till Samverkan',
    greeting: hello(f),
    lead: invitation
      ? `${f.invitedBy ? `${f.invitedBy} har lagt upp` : 'Du har fått'} ett konto i Samverkan, portalen där skolor, förskolor och socialtjänstens team arbetar tillsammans. Välj ditt lösenord med länken nedan.`
      : 'Någon, förhoppningsvis du, bad om ett nytt lösenord till ditt konto i Samverkan. Välj ett nytt med länken nedan. Har du inte bett om det kan du strunta i brevet: ditt lösenord är som förut.',
    facts: [['Länken gäller till', until], ['Länken fungerar', 'en gång']],
    link: { href: `${baseUrl}${linkPath(f.token)}`, text: invitation ? 'Välj lösenord' : 'Välj nytt lösenord' },
    invite: false,
  });
  return { dedupeKey: `account:${f.linkId}`, recipientId: f.userId, kind: invitation ? 'account.invitation' : 'account.reset', ...mail, ics: null, link: '/login' };
}
