import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on a free local port that keeps every mail it accepts, parsed. */
export async function startSmtpSink() {
  const mails: ParsedMail[] = [];
  /** When each mail was accepted (ms since the epoch), in the order of `mails`. */
  const acceptedAt: number[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          acceptedAt.push(Date.now());
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    acceptedAt,
    /** The mails to one address, oldest first. */
    to: (address: string) => mails.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address === address))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The text/calendar part of a mail, as its text. */
export function calendarOf(mail: ParsedMail): string | undefined {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part?.content.toString('utf8');
}
