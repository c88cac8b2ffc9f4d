// The booking storm: 100 people press "Boka" on one free slot at the same moment. Settles with
// exactly one winner, and the slowest answer is what the last person in the queue waits.
import { hash } from '@node-rs/argon2';
import pg from 'pg';
import { signIn } from './sign-in.ts';

const PEOPLE = 100;

export async function bookingStorm(databaseUrl: string, base: string, organisationId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const passwordHash = await hash('storm-password-123');
    const ids: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const { rows } = await client.query(
        `insert into users (email, name, password_hash) values ($1, $2, $3)
         on conflict (email) do update set password_hash = excluded.password_hash returning id`,
        [`storm-${i}@bench.example`, `Stormperson ${i}`, passwordHash],
      );
      ids.push(rows[0].id);
      await client.query(`insert into memberships (user_id, organisation_id, role) values ($1, $2, 'pedagogue') on conflict do nothing`, [rows[0].id, organisationId]);
    }
    // A fresh slot a year ahead, so every run starts from one free seat.
    const { rows: slot } = await client.query(
      `insert into slots (organisation_id, kind, starts_at, ends_at, location, capacity)
       values ($1, 'walk_and_talk', now() + interval '365 days', now() + interval '365 days 45 minutes', 'Bänk', 1) returning id`,
      [organisationId],
    );
    const cookies = await Promise.all(ids.map((_, i) => signIn(base, `storm-${i}@bench.example`, 'storm-password-123')));
    const timings = await Promise.all(
      cookies.map(async (cookie) => {
        const t0 = performance.now();
        const res = await fetch(`${base}/api/slots/${slot[0].id}/bookings`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: base }, body: JSON.stringify({ topic: 'general_question' }) });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - t0 };
      }),
    );
    const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
    return {
      winners: timings.filter((t) => t.status === 201).length,
      refused: timings.filter((t) => t.status === 409).length,
      p50: Math.round(sorted[Math.floor(PEOPLE * 0.5)]!),
      p99: Math.round(sorted[Math.ceil(PEOPLE * 0.99) - 1]!),
    };
  } finally {
    await client.end();
  }
}
