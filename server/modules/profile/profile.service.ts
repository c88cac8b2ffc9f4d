import { teamRoles, type Actor } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { errors } from '../../lib/errors.ts';
import { normalisePhoto, photoUrl } from '../../lib/photos.ts';
import { stockholmDate } from '../../contracts/time.ts';
import type { ProfileRepository } from './profile.repository.ts';
import { scheduleErrors } from '../schedule/schedule.errors.ts';

type Deps = { repo: ProfileRepository; transaction: <T>(work: (repo: ProfileRepository) => Promise<T>) => Promise<T>; clock: Clock };

/** A team member's own profile and absences. Only the person sees the reason of an absence. */
export function createProfileService({ repo, transaction, clock }: Deps) {
  function requireTeamMember(actor: Actor): asserts actor is Actor {
    if (!actor.memberships.some((m) => teamRoles.includes(m.role))) throw errors.forbidden('Frånvaro och profil finns för teamets medarbetare.');
  }

  async function view(userId: string) {
    const { photoVersion, ...rest } = (await repo.profile(userId))!;
    return { ...rest, photoUrl: photoUrl(userId, photoVersion) };
  }

  return {
    async profile(actor: Actor) {
      return view(actor.userId);
    },
    async updateProfile(actor: Actor, patch: { title?: string; phone?: string }) {
      requireTeamMember(actor);
      await repo.updateProfile(actor.userId, patch);
      return view(actor.userId);
    },
    /** A team member's photo for their contact card; stored re-encoded, without metadata. */
    async setPhoto(actor: Actor, upload: Buffer) {
      requireTeamMember(actor);
      await repo.setPhoto(actor.userId, await normalisePhoto(upload), clock.now());
      return view(actor.userId);
    },
    async deletePhoto(actor: Actor) {
      requireTeamMember(actor);
      await repo.deletePhoto(actor.userId);
      return view(actor.userId);
    },
    /** Anyone signed in may see a photo: they are on contact cards, which every organisation the team serves sees. */
    async photo(actor: Actor, userId: string) {
      const row = await repo.photo(userId);
      if (!row) throw errors.notFound('Personen har ingen bild.');
      return row;
    },
    async absences(actor: Actor) {
      requireTeamMember(actor);
      return repo.listAbsences(actor.userId, stockholmDate(clock.now()));
    },
    /** Adds an absence; returns the duty days it covers, so the person can tell the team lead. */
    async addAbsence(actor: Actor, a: { startsOn: string; endsOn: string; reason?: string }) {
      requireTeamMember(actor);
      // Under the person's lock, so a walk-and-talk published at the same moment cannot slip in.
      return transaction(async (tx) => {
        const schedule = await tx.schedule.claim({ people: [actor.userId], from: a.startsOn, until: a.endsOn });
        const [busy] = schedule.commitments;
        if (busy) throw scheduleErrors.busy('Du', busy, 'vara borta då');
        return { id: await tx.addAbsence(actor.userId, a), dutyDays: schedule.dutyDays.map((d) => d.day) };
      });
    },
    async deleteAbsence(actor: Actor, id: string) {
      requireTeamMember(actor);
      if (!(await repo.deleteAbsence(actor.userId, id))) throw errors.notFound('Frånvaron finns inte.');
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
