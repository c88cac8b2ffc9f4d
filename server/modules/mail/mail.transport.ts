import nodemailer from 'nodemailer';

export type OutgoingMail = { to: string; subject: string; text: string; html: string; ics: string | null };

/** Where mail goes: an SMTP server, or (demo mode without one) nowhere, the outbox being the dev mailbox. */
export type MailTransport = { name: 'smtp' | 'dev'; send: (mail: OutgoingMail) => Promise<void>; close: () => void };

/** SMTP through nodemailer, a pool of connections kept open between batches. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url.includes('pool=') ? url : `${url}${url.includes('?') ? '&' : '?'}pool=true`);
  return {
    name: 'smtp',
    async send(mail) {
      const method = mail.ics && /^METHOD:CANCEL/m.test(mail.ics) ? 'CANCEL' : 'REQUEST';
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // As a text/calendar part with its METHOD, which Outlook, Google and Apple turn into an invite.
        ...(mail.ics ? { icalEvent: { method, filename: 'inbjudan.ics', content: mail.ics } } : {}),
      });
    },
    close: () => transporter.close(),
  };
}

/** Demo mode without SMTP: a mail counts as sent and stays readable in the dev mailbox. */
export const devTransport: MailTransport = { name: 'dev', send: async () => {}, close: () => {} };

/** The SMTP server's answer, without the address it was about (nodemailer quotes it in messages). */
export function smtpFailure(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; command?: string };
  return [e.code, e.responseCode, e.command].filter((part) => part !== undefined).join(' ') || 'okänt fel';
}
