import { z } from './zod.ts';

export const organisationKindValues = ['school', 'preschool_unit', 'preschool', 'police', 'social_services'] as const;
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
