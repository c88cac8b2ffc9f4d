/** The team (socialtjänstens team) the person works in, if any. */
export function teamOf(user: App.Locals['user']): string | null {
  return user?.memberships.find((m) => m.organisationKind === 'social_services')?.organisationId ?? null;
}
