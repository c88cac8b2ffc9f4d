import { z } from './zod.ts';
import { email, uuid } from './text.ts';

/** A mail the dev mailbox kept (demo mode without SMTP), as `GET /api/dev/outbox` lists it. */
export const devMailSchema = z
  .object({
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().optional(),
    sentAt: z.string(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() })),
  })
  .meta({ id: 'DevMail' });
export type DevMail = z.infer<typeof devMailSchema>;

/** The administrator's view of the outbox: how mail leaves, what waits, and what was given up. */
export const mailStatusSchema = z
  .object({
    transport: z.enum(['smtp', 'dev', 'none']),
    waiting: z.number().int(),
    failed: z.number().int(),
    failures: z.array(
      z.object({ id: z.number().int(), kind: z.string(), recipientName: z.string(), createdAt: z.string(), failedAt: z.string(), attempts: z.number().int(), lastError: z.string().nullable() }),
    ),
  })
  .meta({ id: 'MailStatus' });
export type MailStatus = z.infer<typeof mailStatusSchema>;

/** The dev mailbox can be narrowed to the mails sent to one address. */
export const devOutboxQuery = z.object({ to: email.optional() });

export const mailFailureParams = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** A notification in the portal: the same events as the mails, with a link to where it happened. */
export const notificationSchema = z
  .object({ id: z.string(), kind: z.string(), text: z.string(), link: z.string(), createdAt: z.string(), readAt: z.string().nullable() })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;
export const notificationParams = z.object({ id: uuid });

/** The kinds of mail a person can turn off. An urgent request for a meeting always comes. */
export const mailKindValues = ['bookings', 'meetings', 'reminders', 'feedback', 'consents'] as const;
export type MailKind = (typeof mailKindValues)[number];
export const mailPreferencesSchema = z
  .object({ off: z.array(z.enum(mailKindValues, { message: 'Okänd sorts e-post.' })).max(mailKindValues.length) })
  .strict()
  .meta({ id: 'MailPreferences' });
