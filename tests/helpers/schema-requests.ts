import fc from 'fast-check';
import { choose, HUGE, inOrder, ODD_TEXT, spanMinutes, strictly, valueFor, weighted, WORDS, wrongValue, type FuzzContext, type JsonSchema, type Mode, type OpenApi } from './schema-arbitraries.ts';

// Whole requests for an operation of the OpenAPI document: path parameters, query string, headers
// and body, each from the operation's own schemas (schema-arbitraries.ts), without credentials.

export type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: JsonSchema };
export type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema?: JsonSchema }> } };
export type FuzzRequest = { method: string; url: string; headers: Record<string, string>; payload?: string | Buffer };

// Odd path segments and query strings, written as they would stand in the URL.
const ODD_SEGMENTS = ['', '%20', '%00', '%zz', '%E0%A4%A', '%ED%A0%80', '..', '%2e%2e', '%2F', 'a%2Fb', 'null', '0', '-1', '1e309', 'x'.repeat(201), 'x'.repeat(2000), '%EF%BB%BF', '%D9%A0%D9%A1'];
const ODD_QUERIES = ['&', '&&=', '&%', '&a=%zz', '&=x', '&a[b]=1', '&__proto__[x]=1', '&constructor[prototype][x]=1', `&q=${'x'.repeat(5000)}`, '&x=%ED%A0%80', '&%00=%00'];
const EXTRA_PARAMS = ['page', 'limit', 'sort', 'mine', 'dryRun', 'x', 'ä', '__proto__'];

/** encodeURIComponent, except that a lone surrogate becomes bytes no decoder accepts. */
export function encode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return [...s].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

const asText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v));
const pairOf = (name: string, v: unknown) => (Array.isArray(v) ? v : [v]).map((x) => `${encode(name)}=${encode(asText(x))}`).join('&');

function pathSegment(p: Parameter, ctx: FuzzContext, collection: string): fc.Arbitrary<string> {
  // A mutant's fault is in its body or query: its path is good.
  const c = ctx.mode === 'mutant' ? strictly(ctx) : ctx;
  return choose(c, [5, valueFor(p.schema, c, 0, collection).map((v) => encode(asText(v)))], [1, fc.constantFrom(...ODD_SEGMENTS)]);
}

/**
 * The query string. Strict: every required parameter, optional ones half the time, spans in order.
 * Mutant (when its fault is not in the body): so, but for one parameter at fault, or one the
 * route does not know. Loose: any parameter missing, twice, or odd.
 */
function queryOf(params: Parameter[], ctx: FuzzContext, faultHere: boolean): fc.Arbitrary<string> {
  if (ctx.mode === 'loose') {
    const parts = params.map((p) => {
      const value = valueFor(p.schema, ctx, 0, p.name);
      return weighted([p.required ? 1 : 4, fc.constant('')], [p.required ? 12 : 4, value.map((v) => pairOf(p.name, v))], [1, fc.tuple(value, value).map(([a, b]) => `${pairOf(p.name, a)}&${pairOf(p.name, b)}`)]);
    });
    const extra = weighted([6, fc.constant('')], [1, fc.tuple(fc.constantFrom(...EXTRA_PARAMS), wrongValue).map(([k, v]) => pairOf(k, v))], [1, fc.constantFrom(...ODD_QUERIES)]);
    return fc.tuple(...parts, extra).map((all) => all.filter(Boolean).join('&'));
  }
  const values = params.map((p) => fc.tuple(p.required ? fc.constant(true) : fc.boolean(), valueFor(p.schema, strictly(ctx), 0, p.name), valueFor(p.schema, ctx, 0, p.name)));
  const fault = ctx.mode === 'mutant' && faultHere ? fc.nat(params.length) : fc.constant(-1); // params.length: an unknown parameter
  return fc.tuple(fc.tuple(...values), fault, fc.tuple(fc.constantFrom(...EXTRA_PARAMS), wrongValue), spanMinutes).map(([chosen, at, [k, v], minutes]) => {
    const query: Record<string, unknown> = {};
    chosen.forEach(([there, good, bad], i) => {
      if (i === at) query[params[i]!.name] = bad;
      else if (there) query[params[i]!.name] = good;
    });
    const parts = Object.entries(inOrder(query, minutes, params[at]?.name)).map(([name, value]) => pairOf(name, value));
    return [...parts, ...(at === params.length ? [pairOf(k, v)] : [])].join('&');
  });
}

/** A header value as a client could send it (printable Latin-1), or nothing. */
const headerValue = (v: unknown) => {
  const s = asText(v);
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(s) && s.length < 16_000 ? s : undefined;
};

const ONE_PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const DEEP_JSON = `${'['.repeat(5000)}${']'.repeat(5000)}`;
const BROKEN_JSON = ['{', '{"a":', '{"a":1,}', "{'a':1}", 'nul', '\u0000', '{"a":"\\ud800"}', '{"a":1,"a":2}', '\ufeff{}', '1e99999', '"x"', '[]', 'null', DEEP_JSON];

type Body = { type?: string; payload?: string | Buffer };
const asJson = (v: unknown): Body => ({ type: 'application/json', payload: JSON.stringify(v) ?? '' });

function jsonBody(schema: JsonSchema | undefined, ctx: FuzzContext): fc.Arbitrary<Body> {
  const shaped = schema ? valueFor(schema, ctx).map(asJson) : fc.constant<Body>({});
  if (ctx.mode !== 'loose') return shaped;
  return weighted(
    [12, shaped],
    [1, fc.constantFrom(...BROKEN_JSON).map((payload): Body => ({ type: 'application/json', payload }))],
    [1, fc.constantFrom<Body>({}, { type: 'application/json', payload: '' }, { type: 'application/json', payload: HUGE }, { type: 'application/json; charset=latin1', payload: '{}' }, { type: 'application/json; charset=utf-16', payload: '{}' })],
    [1, fc.tuple(fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'image/png', 'application/xml', ''), wrongValue).map(([type, v]): Body => ({ type, payload: asText(v) }))],
  );
}

// A staff list or an organisation list as a spreadsheet saves it, one odd cell here and there.
const CSV_HEADERS = ['name,email,role,organisation,section,phone', 'namn;e-post;roll;verksamhet;avdelning;telefon', '\ufeffname,email,role,organisation', 'name,kind,parent,servingTeam,sections', 'name,email', ''];
function csvBody(ctx: FuzzContext): fc.Arbitrary<Body> {
  const cells: [number, fc.Arbitrary<string>][] = [[4, fc.constantFrom(...WORDS, 'pedagog', 'rektor', 'social_worker', 'school', 'preschool', 'F–3')], [2, fc.emailAddress()]];
  if (ctx.mode !== 'strict') cells.push([2, fc.constantFrom(...ODD_TEXT, '"', '""', '";"', '=cmd|calc', '+46 70', '@x')]);
  const cell = weighted(...cells);
  const table = fc.tuple(fc.constantFrom(...CSV_HEADERS), fc.array(fc.array(cell, { minLength: 1, maxLength: 7 }), { maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r')).map(([header, rows, nl]) => {
    const sep = header.includes(';') ? ';' : ',';
    return [header, ...rows.map((r) => r.join(sep))].join(nl);
  });
  return choose(
    ctx,
    [8, table.map((payload): Body => ({ type: 'text/csv', payload }))],
    [1, fc.constantFrom<Body>({ type: 'text/csv', payload: HUGE }, { type: 'text/csv', payload: `name,email\n${'a,b@c.se\n'.repeat(7000)}` }, { type: 'text/csv; charset=latin1', payload: 'name\nÅsa' }, {})],
    [1, wrongValue.map(asJson)],
  );
}

function imageBody(types: string[]): fc.Arbitrary<Body> {
  const bytes = weighted<Buffer>(
    [3, fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b))],
    [2, fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([ONE_PIXEL_PNG.subarray(0, 33), Buffer.from(b)]))],
    [1, fc.constantFrom(ONE_PIXEL_PNG, Buffer.alloc(0), Buffer.from(HUGE), Buffer.from('<svg onload=alert(1)>'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))],
  );
  return fc.tuple(weighted([4, fc.constantFrom(...types)], [1, fc.constantFrom('image/gif', 'image/svg+xml', 'application/octet-stream')]), bytes).map(([type, payload]): Body => ({ type, payload }));
}

function bodyFor(op: Operation, method: string, ctx: FuzzContext): fc.Arbitrary<Body> {
  const content = op.requestBody?.content ?? {};
  const types = Object.keys(content);
  if (types.includes('application/json')) return jsonBody(content['application/json']!.schema, ctx);
  if (types.includes('text/csv')) return csvBody(ctx);
  if (types.some((t) => t.startsWith('image/'))) return imageBody(types);
  // No body declared: none is sent, but now and then one is anyway.
  if (method === 'GET' || ctx.mode !== 'loose') return fc.constant({});
  return weighted([6, fc.constant<Body>({})], [1, jsonBody({}, ctx)]);
}

/** A request in a line: long URLs and bodies are cut, with their length. */
export function summary(r: FuzzRequest, max = 300): string {
  const cut = (v: unknown) => {
    const s = v === undefined ? '' : Buffer.isBuffer(v) ? `<${v.length} bytes>` : String(v);
    return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
  };
  return `${r.method} ${cut(r.url)} headers ${cut(JSON.stringify(r.headers))} body ${cut(r.payload)}`;
}

function requestsIn(path: string, method: string, op: Operation, ctx: FuzzContext): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const segments = [...path.matchAll(/([^/]*)\/\{(\w+)\}/g)].map(([, collection, name]) => {
    const p = params.find((x) => x.in === 'path' && x.name === name);
    return p ? pathSegment(p, ctx, collection!) : fc.constantFrom(...ODD_SEGMENTS);
  });
  const headers = params.filter((p) => p.in === 'header').map((p) => weighted<string | undefined>([1, fc.constant(undefined)], [2, valueFor(p.schema, ctx.mode === 'loose' ? ctx : strictly(ctx)).map(headerValue)]).map((v) => [p.name, v] as const));
  return fc
    .record({ segments: fc.tuple(...segments), query: queryOf(params.filter((p) => p.in === 'query'), ctx, !op.requestBody), headers: fc.tuple(...headers), body: bodyFor(op, method, ctx) })
    .map(({ segments: filled, query, headers: hs, body }) => {
      let i = 0;
      const url = path.replace(/\{\w+\}/g, () => filled[i++]!);
      const out: Record<string, string> = {};
      for (const [name, value] of hs) if (value !== undefined) out[name] = value;
      if (body.type !== undefined) out['content-type'] = body.type;
      const request: FuzzRequest = { method: method.toUpperCase(), url: query ? `${url}?${query}` : url, headers: out, payload: body.payload };
      // fast-check prints a failing request through this: a 100 kB body is shown by its length.
      return Object.defineProperty(request, fc.toStringMethod, { value: () => summary(request) });
    });
}

/** Requests for one operation: by default a third strictly as its schemas allow, a third with one fault, a third loose. */
export function requestsFor(path: string, method: string, op: Operation, ctx: Omit<FuzzContext, 'mode'>, modes: readonly Mode[] = ['strict', 'mutant', 'loose']): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(...modes.map((mode) => requestsIn(path, method, op, { ...ctx, mode })));
}

/**
 * The request again for every string it carries (a query parameter, a string anywhere in a JSON
 * body, a cell of a CSV file), each time with a control character in that one string and nowhere
 * else: the single fault that takes an unguarded field to the database.
 */
export function withOneControlChar(r: FuzzRequest): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const [path, search = ''] = r.url.split('?', 2) as [string, string?];
  const query = [...new URLSearchParams(search)];
  query.forEach((_, i) => {
    const changed = query.map(([k, v], j) => `${encode(k)}=${encode(j === i ? `${v}\u0000` : v)}`).join('&');
    out.push({ ...r, url: `${path}?${changed}` });
  });
  const type = r.headers['content-type'] ?? '';
  if (typeof r.payload === 'string' && type.startsWith('application/json')) {
    const body: unknown = JSON.parse(r.payload);
    const leaves: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      if (typeof v === 'string') leaves.push(at);
      else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(body, []);
    for (const at of leaves) {
      // The body parsed afresh, with the string at `at` changed (a body that is one string: itself).
      const root = { body: JSON.parse(r.payload) as unknown };
      const path = ['body', ...at];
      const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, root);
      parent[path.at(-1)!] = `${String(parent[path.at(-1)!])}\u0000`;
      out.push({ ...r, payload: JSON.stringify(root.body) });
    }
  }
  if (typeof r.payload === 'string' && type.startsWith('text/csv')) {
    const lines = r.payload.split(/\r\n|\n|\r/);
    lines.forEach((line, i) =>
      line.split(/[,;]/).forEach((_, cell) => {
        const changed = line.split(/([,;])/).map((part, j) => (j === cell * 2 ? `${part}\u0000` : part)).join('');
        out.push({ ...r, payload: lines.map((l, k) => (k === i ? changed : l)).join('\n') });
      }),
    );
  }
  return out;
}

/** Every operation in the document, in its order. */
export function operationsOf(doc: OpenApi) {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops as Record<string, Operation>).map(([method, op]) => ({ path, method: method.toUpperCase(), op, name: `${method.toUpperCase()} ${path}` })),
  );
}
