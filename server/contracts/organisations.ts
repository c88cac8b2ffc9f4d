import { z } from './zod.ts';
import { freeText, uuid } from './text.ts';

export const organisationKindValues = ['school', 'preschool_unit', 'preschool', 'police', 'social_services', 'child_health', 'health_care', 'youth_services', 'social_services_unit', 'other'] as const;
export const organisationKindSchema = z.enum(organisationKindValues);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

export const organisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: organisationKindSchema,
    parentId: z.string().nullable(),
    sections: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'Organisation' });
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationListSchema = z.array(organisationSchema);

// Administration (admin): districts and the organisations in them.
export const districtBody = z.object({ name: freeText(80, 2) }).strict();
export const districtSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'District' });

export const organisationBody = z
  .object({
    name: freeText(120, 2),
    kind: organisationKindSchema,
    districtId: uuid,
    parentId: uuid.optional(),
    servingTeamId: uuid.optional(),
    sections: z.array(freeText(60)).max(30, { message: 'Högst 30 avdelningar.' }).optional(),
  })
  .strict();
export type OrganisationBody = z.infer<typeof organisationBody>;

export const organisationPatch = z
  .object({ name: freeText(120, 2).optional(), servingTeamId: uuid.nullable().optional() })
  .strict()
  .refine((b) => b.name !== undefined || b.servingTeamId !== undefined, { message: 'Ange ett nytt namn eller ett team.' });
export type OrganisationPatch = z.infer<typeof organisationPatch>;

export const organisationParams = z.object({ id: uuid });
export const adminOrganisationsQuery = z.object({ districtId: uuid.optional() });

export const adminOrganisationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: organisationKindSchema,
    districtId: z.string().nullable(),
    parentId: z.string().nullable(),
    servingTeamId: z.string().nullable(),
    archived: z.boolean(),
    sections: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: 'AdminOrganisation' });
export type AdminOrganisation = z.infer<typeof adminOrganisationSchema>;
