import type { OrganisationKind } from '../../contracts/organisations.ts';
import type { Role } from '../../contracts/auth.ts';

/** Which kinds of organisation a role belongs to: a social worker works in a team, a pedagogue in a school or preschool. */
export const kindsOfRole: Record<Exclude<Role, 'admin'>, readonly OrganisationKind[]> = {
  pedagogue: ['school', 'preschool_unit', 'preschool'],
  principal: ['school', 'preschool_unit', 'preschool'],
  pupil_health: ['school', 'preschool_unit', 'preschool'],
  police: ['police'],
  partner: ['child_health', 'health_care', 'youth_services', 'social_services_unit', 'other'],
  // Works for a district, in no organisation.
  district_admin: [],
  social_worker: ['social_services'],
  team_lead: ['social_services'],
};

export const roleNames: Record<Exclude<Role, 'admin'>, string> = {
  pedagogue: 'pedagog',
  principal: 'rektor eller förskolechef',
  pupil_health: 'elevhälsa',
  police: 'polis',
  partner: 'samverkanspartner',
  district_admin: 'stadsdelsadministratör',
  social_worker: 'socialsekreterare',
  team_lead: 'enhetschef',
};
