// The city's write load: at a steady rate, people elsewhere in the city book a walk-and-talk
// time, cancel one they booked, or a team lead changes who is on duty, through the HTTP API.
import { signIn } from './sign-in.ts';
import type { CityHandles } from './city-handles.ts';

type Tally = { sent: number; ok: number; refused: number; failed: number; failedBy: Record<string, number> };

export async function startWrites(base: string, password: string, handles: Pick<CityHandles, 'bookers' | 'leads'>, perSecond: number) {
  const bookers = await Promise.all(handles.bookers.map(async (b) => ({ ...b, cookie: await signIn(base, b.email, password), booked: [] as string[], next: 0 })));
  const leads = await Promise.all(handles.leads.map(async (l) => ({ ...l, cookie: await signIn(base, l.email, password), day: 0 })));
  const tally: Tally = { sent: 0, ok: 0, refused: 0, failed: 0, failedBy: {} };
  const failed = (why: string) => {
    tally.failed++;
    tally.failedBy[why] = (tally.failedBy[why] ?? 0) + 1;
  };
  const send = async (cookie: string, method: string, path: string, body: unknown) => {
    tally.sent++;
    try {
      const res = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json', origin: base }, body: JSON.stringify(body) });
      const answer = await res.json().catch(() => null);
      if (res.ok) tally.ok++;
      else if (res.status === 409) tally.refused++;
      else failed(`${method} ${path.split('/')[2]} ${res.status} ${(answer as { code?: string } | null)?.code ?? ''}`.trim());
      return res.ok ? answer : null;
    } catch {
      failed('network');
      return null;
    }
  };
  let turn = 0;
  const actions = [
    async () => {
      const b = bookers[turn % bookers.length]!;
      const slotId = b.slotIds[b.next++ % b.slotIds.length]!;
      const made = (await send(b.cookie, 'POST', `/api/slots/${slotId}/bookings`, { topic: 'general_question' })) as { id: string } | null;
      if (made) b.booked.push(made.id);
    },
    async () => {
      const b = bookers.find((x) => x.booked.length > 0);
      if (b) await send(b.cookie, 'POST', `/api/bookings/${b.booked.shift()}/cancel`, {});
    },
    async () => {
      const l = leads[turn % leads.length]!;
      const duty = l.duties[l.day++ % l.duties.length]!;
      await send(l.cookie, 'PUT', `/api/teams/${l.teamId}/roster/${duty.day}`, { userId: duty.userId });
    },
  ];
  const timer = setInterval(() => void actions[turn++ % actions.length]!(), 1000 / perSecond);
  return {
    stop: async () => {
      clearInterval(timer);
      await new Promise((r) => setTimeout(r, 500));
      return { ...tally };
    },
  };
}
