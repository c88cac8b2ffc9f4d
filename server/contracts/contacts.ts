import { z } from './zod.ts';
import { instant } from './dates.ts';

export const statusKindValues = ['available', 'busy', 'away', 'on_duty'] as const;

export const contactStatusSchema = z.object({
  kind: z.enum(statusKindValues),
  until: z.string().nullable(),
  label: z.string(),
});
export type ContactStatus = z.infer<typeof contactStatusSchema>;

export const contactSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    title: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string(),
    /** The person's photo, or null: show their initials. */
    photoUrl: z.string().nullable(),
    sectionId: z.string().nullable(),
    sectionName: z.string().nullable(),
    organisationId: z.string(),
    status: contactStatusSchema,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof contactSchema>;

export const routeKindValues = ['contact', 'duty_phone', 'after_hours', 'emergency'] as const;

export const reachRouteSchema = z
  .object({
    kind: z.enum(routeKindValues),
    name: z.string().nullable(),
    phone: z.string(),
    /** Why this step, in Swedish words. The parts below let a page say it in another language. */
    reason: z.string(),
    /** Duty phone only: no holder is registered for the day (a gap for the team lead). */
    unstaffed: z.boolean().optional(),
    /** A contact: the section or place they are the contact for, if named. */
    place: z.string().nullable().optional(),
    /** The duty phone: when it stops answering today. The after-hours service while the office is closed: when it opens. */
    until: z.string().nullable().optional(),
  })
  .meta({ id: 'ReachRoute' });
export type ReachRoute = z.infer<typeof reachRouteSchema>;

export const reachSchema = z.object({ at: z.string(), routes: z.array(reachRouteSchema).min(1) });

export const organisationParams = z.object({ id: z.uuid({ message: 'Ogiltigt id för verksamheten.' }) });
export const reachQuery = z
  .object({
    at: instant.optional(),
  })
  .strict();
