import autocannon from 'autocannon';

export type LoadResult = { title: string; rps: number; p50: number; p99: number };

/**
 * Loopback load with autocannon. Each connection is one person: with `cookies`, connection i
 * sends cookie i (round robin), and with `paths`, asks for path i (their own school, meeting, case).
 */
export async function load(title: string, url: string, options: { cookies?: string[]; paths?: string[]; connections?: number; seconds?: number } = {}): Promise<LoadResult> {
  const { cookies = [], paths = [], connections = 50, seconds = Number(process.env.BENCH_SECONDS ?? 10) } = options;
  let next = 0;
  const requests = [
    {
      setupRequest: (request: any, context: { cookie?: string; path?: string }) => {
        if (context.cookie === undefined && context.path === undefined) {
          const i = next++;
          if (cookies.length) context.cookie = cookies[i % cookies.length];
          if (paths.length) context.path = paths[i % paths.length];
        }
        return { ...request, ...(context.path ? { path: context.path } : {}), headers: { ...request.headers, ...(context.cookie ? { cookie: context.cookie } : {}) } };
      },
    },
  ];
  await autocannon({ url, connections, duration: 2, requests }); // warm-up
  const r = await autocannon({ url, connections, duration: seconds, requests });
  if (r.non2xx || r.errors) throw new Error(`${title}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { title, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99 };
}
