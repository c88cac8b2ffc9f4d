import { freeText, uuid } from './text.ts';
import { z } from './zod.ts';

export const topicValues = ['unsure_report', 'advice_referral', 'plan_report', 'acute_protection', 'known_child', 'general_question'] as const;
export type Topic = (typeof topicValues)[number];
export const bookingStatusValues = ['booked', 'cancelled', 'attended', 'no_show'] as const;

export const bookingBody = z
  .object({
    topic: z.enum(topicValues, { message: 'Välj vad du vill prata om.' }),
    note: freeText(1000, 0).optional(),
  })
  .strict();

export const bookingSchema = z
  .object({ id: z.string(), slotId: z.string(), topic: z.enum(topicValues), status: z.enum(bookingStatusValues) })
  .meta({ id: 'Booking' });

/** A booking as its booker sees it in "Mina bokningar". */
export const myBookingSchema = bookingSchema
  .extend({
    note: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    location: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    hosts: z.array(z.object({ userId: z.string(), name: z.string() })),
    /** Why it was cancelled, and by whom, when it was. */
    cancelled: z.object({ reason: z.string().nullable(), byName: z.string().nullable() }).nullable(),
  })
  .meta({ id: 'MyBooking' });
export type MyBooking = z.infer<typeof myBookingSchema>;

export const bookingsQuery = z.object({ mine: z.enum(['true']).default('true') }).strict();
export const bookingParams = z.object({ id: uuid });
export const cancelBookingBody = z.object({ reason: freeText(300, 0).optional() }).strict().default({});
export const moveBookingBody = z.object({ slotId: uuid }).strict();
export const attendanceBody = z.object({ status: z.enum(['attended', 'no_show'], { message: 'Välj genomförd eller uteblev.' }) }).strict();


