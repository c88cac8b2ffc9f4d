import { isAdmin, requireAccess, type Actor } from '../../lib/access.ts';
import { errors } from '../../lib/errors.ts';
import { DEFAULT_REMINDER_TIME } from '../mail/mail.repository.ts';
import type { SettingsRepository, TeamSettingsValues } from './settings.repository.ts';

type Deps = { repo: SettingsRepository };

const DEFAULTS = { officeOpens: '08:00', officeCloses: '16:30', dutyPhone: '', afterHoursName: 'Socialjouren', afterHoursPhone: '', reminderTime: DEFAULT_REMINDER_TIME };

export function createSettingsService({ repo }: Deps) {
  function requireAdmin(actor: Actor) {
    if (!isAdmin(actor)) throw errors.forbidden('Bara systemförvaltaren kan ändra stängda dagar.');
  }

  return {
    async team(actor: Actor, teamId: string) {
      requireAccess(actor, 'team:read', { teamId });
      return (await repo.team(teamId)) ?? DEFAULTS;
    },
    async saveTeam(actor: Actor, teamId: string, values: TeamSettingsValues) {
      requireAccess(actor, 'team:manage', { teamId });
      await repo.saveTeam(teamId, values);
      return (await repo.team(teamId))!;
    },
    async closedDays(actor: Actor) {
      return repo.closedDays();
    },
    async addClosedDay(actor: Actor, day: string, name: string) {
      requireAdmin(actor);
      await repo.addClosedDay(day, name);
    },
    async removeClosedDay(actor: Actor, day: string) {
      requireAdmin(actor);
      if (!(await repo.removeClosedDay(day))) throw errors.notFound('Dagen finns inte bland de stängda dagarna.');
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
