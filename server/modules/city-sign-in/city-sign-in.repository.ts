import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { users } from '../../../db/schema/index.ts';

const person = { id: users.id, email: users.email, oidcSubject: users.oidcSubject, disabledAt: users.disabledAt };

export function createCitySignInRepository(db: Db) {
  return {
    async bySubject(subject: string) {
      const [row] = await db.select(person).from(users).where(eq(users.oidcSubject, subject)).limit(1);
      return row;
    },

    async byEmail(email: string) {
      const [row] = await db.select(person).from(users).where(eq(users.email, email)).limit(1);
      return row;
    },

    /** Binds the provider's subject at the first city sign-in, so later ones find the person by it. */
    async bindSubject(userId: string, subject: string) {
      await db.update(users).set({ oidcSubject: subject }).where(eq(users.id, userId));
    },
  };
}

export type CitySignInRepository = ReturnType<typeof createCitySignInRepository>;
