import { z } from './zod.ts';

/** What the public pages say about the service itself: where to report accessibility problems. */
export const aboutSchema = z.object({ accessibilityContact: z.string() }).meta({ id: 'About' });
