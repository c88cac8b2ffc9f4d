import { roleValues } from './auth.ts';
import { phone } from './team.ts';
import { email, freeText, printable, uuid } from './text.ts';
import { z } from './zod.ts';

/** The roles an administrator gives; `admin` is made on the server only (npm run admin:create). */
export const grantableRoleValues = roleValues.filter((r): r is Exclude<(typeof roleValues)[number], 'admin'> => r !== 'admin');
export const grantableRoleSchema = z.enum(grantableRoleValues as [typeof grantableRoleValues[number], ...typeof grantableRoleValues[number][]]);

/** A member of staff's own name, as colleagues see it: not free text about anyone else. */
const personName = printable(z.string().trim().min(2, { message: 'Skriv personens namn.' }).max(120, { message: 'Namnet får vara högst 120 tecken.' }), 'Namnet innehåller otillåtna tecken.');

export const createPersonBody = z
  .object({
    name: personName,
    email,
    phone: phone.optional(),
    title: freeText(80).optional(),
    memberships: z
      .array(
        z
          .object({ organisationId: uuid.optional(), districtId: uuid.optional(), role: grantableRoleSchema, sectionId: uuid.optional() })
          .strict()
          // A district's administrator belongs to a district; everyone else to an organisation.
          .superRefine((m, ctx) => {
            if (m.role === 'district_admin' && (!m.districtId || m.organisationId)) ctx.addIssue({ code: 'custom', path: ['districtId'], message: 'En stadsdelsadministratör hör till en stadsdel, inte till en verksamhet.' });
            if (m.role !== 'district_admin' && (!m.organisationId || m.districtId)) ctx.addIssue({ code: 'custom', path: ['organisationId'], message: 'Välj verksamheten personen arbetar i.' });
          }),
      )
      .min(1, { message: 'Välj minst en verksamhet och roll.' })
      .max(20, { message: 'Högst 20 medlemskap.' }),
  })
  .strict();
export type CreatePersonBody = z.infer<typeof createPersonBody>;

export const personParams = z.object({ id: uuid });
export const peopleQuery = z.object({ q: printable(z.string().trim().max(120, { message: 'Sökningen är för lång.' }), 'Sökningen innehåller otillåtna tecken.').optional() });

export const personSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    disabled: z.boolean(),
    memberships: z.array(z.object({ organisationId: z.string().nullable(), organisationName: z.string().nullable(), role: z.string() })),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof personSchema>;
