import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.ts';
import { closedDays, teamSettings } from '../../../db/schema/index.ts';

export type TeamSettingsValues = { officeOpens: string; officeCloses: string; dutyPhone: string; afterHoursName: string; afterHoursPhone: string; reminderTime?: string };

export function createSettingsRepository(db: DbOrTx) {
  return {
    async team(teamId: string) {
      const [row] = await db
        .select({
          officeOpens: teamSettings.officeOpens,
          officeCloses: teamSettings.officeCloses,
          dutyPhone: teamSettings.dutyPhone,
          afterHoursName: teamSettings.afterHoursName,
          afterHoursPhone: teamSettings.afterHoursPhone,
          reminderTime: teamSettings.reminderTime,
        })
        .from(teamSettings)
        .where(eq(teamSettings.teamId, teamId));
      return row;
    },
    async saveTeam(teamId: string, values: TeamSettingsValues) {
      await db.insert(teamSettings).values({ teamId, ...values }).onConflictDoUpdate({ target: teamSettings.teamId, set: values });
    },
    closedDays: () => db.select({ day: closedDays.day, name: closedDays.name }).from(closedDays).orderBy(asc(closedDays.day)),
    async addClosedDay(day: string, name: string) {
      await db.insert(closedDays).values({ day, name }).onConflictDoUpdate({ target: closedDays.day, set: { name } });
    },
    async removeClosedDay(day: string) {
      return (await db.delete(closedDays).where(eq(closedDays.day, day)).returning({ day: closedDays.day })).length > 0;
    },
  };
}

export type SettingsRepository = ReturnType<typeof createSettingsRepository>;
