import fc from 'fast-check';

// Values generated from the JSON schemas of the OpenAPI document alone (see schema-requests.ts and
// tests/integration/schema-fuzz.test.ts), so a new route or field is fuzzed the day it is added.
// Three modes: strict values the schema accepts (they get past validation into the services);
// mutants, accepted but for one fault (a wrong, odd or missing field, or one too many), which
// is how a single unguarded field reaches the database; and loose values, odd anywhere.

export type JsonSchema = {
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  nullable?: boolean;
  $ref?: string;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};
export type OpenApi = { paths: Record<string, Record<string, unknown>>; components?: { schemas?: Record<string, JsonSchema> } };
export type Mode = 'strict' | 'mutant' | 'loose';

/**
 * What the generator knows of the world: the document's shared schemas, and ids of real rows by
 * a hint (the collection before a path parameter, "slots" in /api/slots/{id}, or a field's name,
 * "organisationId").
 */
export type FuzzContext = { doc: OpenApi; ids: (hint: string) => readonly string[]; mode: Mode };

export const HUGE = 'x'.repeat(100 * 1024); // over the 64 kB body limit
const LARGE = 'å'.repeat(20 * 1024); // under it: reaches the validators

/** Text that has broken parsers, databases and regexes elsewhere. */
export const ODD_TEXT = [
  '', ' ', '   ', '\t\r\n', '\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085',
  '\u200b', 'a\u200db', '\ufeff', '\u200e\u200f', '\u202eabc', '\u2066x\u2069', '\u2028\u2029',
  '\ud800', '\udfff', 'a\ud83d', '\ude00b', '👩‍👩‍👧‍👦', '🇸🇪',
  '٠١٢٣٤٥٦٧٨٩', '۰۱۲۳', '०१२३', '０７０１２３４５６７', '𝟙𝟚𝟛', 'Ⅻ', '½',
  'e\u0301', `a${'\u0301'.repeat(400)}`, 'İı', 'ß', 'ﬀ', 'Å'.normalize('NFD'), '𐐷', '\ufffd', '\uffff', '\ufffe',
  "'; drop table users; --", '" or 1=1 --', '\\', '%', '_', '%00', '%zz', '../../etc/passwd', '${7*7}', '{{7*7}}',
  '<script>x</script>', '__proto__', 'constructor', 'null', 'undefined', 'NaN', 'true', '-0', '1e309',
];
export const WORDS = ['Elev A', 'Klassrum 3', 'Familjen L', 'Vid huvudentrén', 'Åk 4–6', 'Rådgivning', 'Lov', 'Möte om närvaro'];

export const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/**
 * The first choice is what the schema accepts: the only one when strict. A mutant's fault is one
 * of the others; loose, any of them.
 */
export function choose<T>(ctx: FuzzContext, ...pairs: [number, fc.Arbitrary<T>][]): fc.Arbitrary<T> {
  if (ctx.mode === 'strict' || pairs.length === 1) return pairs[0]![1];
  return ctx.mode === 'mutant' ? weighted(...pairs.slice(1)) : weighted(...pairs);
}

export const strictly = (ctx: FuzzContext): FuzzContext => ({ ...ctx, mode: 'strict' });

/** A value of any type but, as often as not, the wrong one. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -1, 0.5, 1e308, -(2 ** 53) - 2, '', ' ', 'x', [], {}, [null], { '': null }, HUGE, LARGE),
  fc.constantFrom(...ODD_TEXT),
  fc.jsonValue({ maxDepth: 3 }),
);

const resolve = (ctx: FuzzContext, s: JsonSchema): JsonSchema => (s.$ref ? ctx.doc.components?.schemas?.[s.$ref.split('/').at(-1)!] ?? {} : s);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);
const between = (from: string, to: string) => fc.date({ min: new Date(`${from}T00:00:00Z`), max: new Date(`${to}T23:59:59Z`), noInvalidDate: true });

const BAD_DATES = ['2000-01-01', '2100-12-31', '1999-12-31', '2101-01-01', '0000-01-01', '9999-12-31', '+010000-01-01', '2026-02-29', '2024-02-29', '2026-13-01', '2026-00-10', '2026-1-1', '20260302', '2026-03-29', '2026-10-25', '2026-03-02T00:00:00Z', '２０２６-０３-０２', '٢٠٢٦-٠٣-٠٢'];
const BAD_INSTANTS = ['2026-03-29T02:30:00+01:00', '2026-10-25T02:30:00+02:00', '2026-03-02T10:00:00+14:00', '2026-03-02T10:00:00.123456789Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '+010000-01-01T00:00:00Z', '2000-01-01T00:00:00+01:00', '2100-12-31T23:59:59-12:00', '2026-03-02T24:00:00Z', '2026-03-02T10:00:00', '2026-03-02', '2026-03-02T10:00Z'];
const BAD_EMAILS = ['a@b', `${'x'.repeat(250)}@a.se`, ' A@B.SE ', 'å@ä.se', '@', 'a@b.se\u0000', 'a@@b.se', 'a@b.se,c@d.se'];

// Dates and times mostly in the weeks around the tests' clock (March 2026), where the services
// have slots, meetings and rosters to weigh them against; sometimes anywhere the API allows.
const soonDate = weighted([4, between('2026-02-01', '2026-06-30')], [1, between('2000-01-01', '2100-12-31')]).map(isoDate);
const soonInstant = weighted(
  [4, fc.tuple(between('2026-02-01', '2026-06-30'), fc.constantFrom('Z', '+01:00', '+02:00')).map(([d, zone]) => `${d.toISOString().slice(0, 14)}00:00${zone}`)],
  [1, between('2000-01-02', '2100-12-30').map((d) => d.toISOString())],
);

const address = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}$/), fc.constantFrom('test.example', 'skola.example', 'stad.se')).map(([local, domain]) => `${local}@${domain}`);

function stringValue(s: JsonSchema, ctx: FuzzContext, hint: string): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 200;
  const lengthEdges = [min > 0 ? 'a'.repeat(min - 1) : '', 'ä'.repeat(Math.max(min, 1)), 'x'.repeat(max), 'x'.repeat(max + 1), `${' '.repeat(max)}a`, '👍'.repeat(max), LARGE, HUGE];
  const odd = fc.constantFrom(...ODD_TEXT, ...lengthEdges);
  if (s.enum) return choose(ctx, [9, fc.constantFrom(...s.enum)], [1, odd], [1, fc.constantFrom(...s.enum.map((e) => String(e).toUpperCase()), ...s.enum.map((e) => ` ${String(e)}`))]);
  switch (s.format) {
    case 'uuid': {
      const ids = ctx.ids(hint);
      const odder = fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', ids[0]!.toUpperCase(), `${ids[0]!} `, ids[0]!.replaceAll('-', ''), '٠'.repeat(8));
      return choose(ctx, [9, weighted([5, fc.constantFrom(...ids)], [1, fc.uuid({ version: 4 })])], [1, fc.uuid()], [1, odder], [1, odd]);
    }
    case 'date':
      return choose(ctx, [8, soonDate], [2, fc.constantFrom(...BAD_DATES)], [1, odd]);
    case 'date-time':
      return choose(ctx, [8, soonInstant], [2, fc.constantFrom(...BAD_INSTANTS)], [1, odd]);
    case 'email':
      // What people's addresses look like (fast-check's own are RFC-valid but mostly refused here).
      return choose(ctx, [6, address], [2, fc.emailAddress()], [2, fc.constantFrom(...BAD_EMAILS)], [1, odd]);
  }
  if (s.pattern) {
    let matching: fc.Arbitrary<string> | undefined;
    try {
      matching = fc.stringMatching(new RegExp(s.pattern));
    } catch {
      matching = undefined; // a pattern fast-check cannot invert: plain text then
    }
    if (matching) return choose(ctx, [6, matching], [2, odd], [1, matching.map((m) => `${m}\u0000`)]);
  }
  // zod counts UTF-16 units of the trimmed text: graphemes may run over, and are cut to fit when strict.
  const fitting = (t: string) => (t.trim().length >= min && t.length <= max ? t : 'å'.repeat(Math.max(min, 1)).slice(0, max));
  const words = WORDS.filter((w) => w.length >= min && w.length <= max);
  const graphemes = fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: 'grapheme' });
  const text = words.length ? weighted([3, graphemes.map(fitting)], [3, fc.constantFrom(...words)]) : graphemes.map(fitting);
  const oddly = weighted<string>(
    [3, odd],
    // Control characters above all: PostgreSQL text cannot hold NUL, so one that gets through is a 500.
    [3, fc.constantFrom('\u0000', 'a\u0000b', `${words[0] ?? 'x'.repeat(min)}\u0000`, '\u0007', '\b', '\u001b[31m', '\u007f')],
    [1, fc.string({ minLength: min, maxLength: Math.min(max, 40), unit: 'binary' })],
    [1, fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...ODD_TEXT)).map(([w, o]) => `${w}${o}`)],
  );
  return choose(ctx, [8, text], [3, oddly]);
}

function numberValue(s: JsonSchema, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const integer = s.type === 'integer';
  const min = s.minimum ?? -1000;
  const max = s.maximum ?? 1000;
  const inRange = integer ? fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31) }) : fc.double({ min, max, noNaN: true });
  const edges = fc.constantFrom<unknown>(min, max, min - 1, max + 1, 0, -1, 0.5, max - 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, String(min), `${max}`);
  return choose(ctx, [8, inRange], [3, edges]);
}

function arrayValue(s: JsonSchema, ctx: FuzzContext, depth: number, hint: string): fc.Arbitrary<unknown> {
  const items = s.items ?? {};
  const min = s.minItems ?? 0;
  const max = s.maxItems ?? 5;
  // A few items: the more there are, the likelier one breaks a rule the schema cannot show.
  const good = fc.array(valueFor(items, strictly(ctx), depth + 1, hint), { minLength: Math.max(min, 1), maxLength: Math.max(min, 1, Math.min(max, 3)) });
  const item = valueFor(items, ctx, depth + 1, hint);
  return choose(
    ctx,
    [8, fc.array(item, { minLength: min, maxLength: Math.max(min, Math.min(max, 3)) })],
    // One item at fault among good ones.
    [4, fc.tuple(good, item, fc.nat()).map(([list, bad, i]) => list.map((x, j) => (j === i % list.length ? bad : x)))],
    [1, fc.array(item, { minLength: max + 1, maxLength: max + 2 })],
    [1, fc.constantFrom<unknown[]>([], [[]], [null])],
    // Hundreds of one item (a short one: the body must stay under the limit to reach validation).
    [1, fc.tuple(item, fc.integer({ min: 200, max: 1500 })).map(([one, n]) => Array.from({ length: n }, () => ((JSON.stringify(one)?.length ?? 0) > 100 ? 'a' : one)))],
  );
}

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'id', 'userId', 'role', 'admin', 'isAdmin', 'districtId', 'createdAt', '$where', '', ' ', 'ä', '\u0000', '👍'];
const extraField = fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_KEYS), fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme-ascii' })), wrongValue);

// A start and an end, named the API's way. Unless the fault is in one of them, the end comes
// after the start (an instant a quarter of an hour to three hours later), so the services weigh
// the times instead of refusing their order.
const SPANS = [['startsAt', 'endsAt'], ['startsOn', 'endsOn'], ['from', 'until'], ['from', 'to'], ['validFrom', 'validUntil']] as const;
export const spanMinutes = fc.integer({ min: 1, max: 12 }).map((n) => n * 15);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function inOrder(o: Record<string, unknown>, minutes: number, faulty?: string): Record<string, unknown> {
  for (const [start, end] of SPANS) {
    const a = o[start];
    const b = o[end];
    if (typeof a !== 'string' || typeof b !== 'string' || faulty === start || faulty === end) continue;
    if (DAY.test(a) && DAY.test(b)) {
      if (b < a) Object.assign(o, { [start]: b, [end]: a });
    } else if (!Number.isNaN(Date.parse(a)) && !Number.isNaN(Date.parse(b))) {
      o[end] = new Date(Date.parse(a) + minutes * 60_000).toISOString();
    }
  }
  return o;
}

/** Sets a key as JSON would have it: "__proto__" is then a key of its own, not the prototype. */
const put = (o: Record<string, unknown>, k: string, v: unknown) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

function objectValue(s: JsonSchema, ctx: FuzzContext, depth: number): fc.Arbitrary<unknown> {
  const required = new Set(s.required ?? []);
  const entries = Object.entries(s.properties ?? {});
  if (ctx.mode === 'mutant') {
    if (!entries.length) return extraField.map(([k, v]) => put({}, k, v));
    // One field at fault (wrong or odd, left out, or joined by one the schema does not know);
    // every other as the schema wants it.
    const fields = entries.map(([key, sub]) => fc.tuple(required.has(key) ? fc.constant(true) : fc.boolean(), valueFor(sub, strictly(ctx), depth + 1, key), valueFor(sub, ctx, depth + 1, key)));
    return fc.tuple(fc.tuple(...fields), fc.nat(entries.length - 1), fc.nat(5), extraField, spanMinutes).map(([values, at, how, [extraKey, extra], minutes]) => {
      const out: Record<string, unknown> = {};
      values.forEach(([there, good, bad], i) => {
        const key = entries[i]![0];
        if (i !== at) {
          if (there) put(out, key, good);
        } else if (how === 1) {
          put(out, key, good);
          put(out, extraKey, extra);
        } else if (how > 1) put(out, key, bad); // how === 0: left out
      });
      return inOrder(out, minutes, entries[at]![0]);
    });
  }
  // A required field is now and then left out (never, when strict); an optional one is there half the time.
  const fields = entries.map(([key, sub]) => fc.tuple(fc.constant(key), required.has(key) ? choose(ctx, [15, fc.constant(true)], [1, fc.constant(false)]) : fc.boolean(), valueFor(sub, ctx, depth + 1, key)));
  const extras = choose<[string, unknown][]>(ctx, [8, fc.constant([])], [1, fc.array(extraField, { minLength: 1, maxLength: 3 })]);
  return fc.tuple(fc.tuple(...fields), extras, spanMinutes).map(([present, extra, minutes]) => {
    const out: Record<string, unknown> = {};
    for (const [key, there, value] of present) if (there) put(out, key, value);
    for (const [key, value] of extra) put(out, key, value);
    return ctx.mode === 'strict' ? inOrder(out, minutes) : out;
  });
}

/** A value for the schema, as the context's mode has it. */
export function valueFor(raw: JsonSchema, ctx: FuzzContext, depth = 0, hint = ''): fc.Arbitrary<unknown> {
  const s = resolve(ctx, raw);
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  let shaped: fc.Arbitrary<unknown>;
  if (alternatives.length) shaped = fc.oneof(...alternatives.map((a) => valueFor(a, ctx, depth, hint)));
  else if (s.allOf?.length) shaped = valueFor(s.allOf[0]!, ctx, depth, hint);
  else if (s.type === 'object' || s.properties) shaped = depth > 6 ? fc.constant({}) : objectValue(s, ctx, depth);
  else if (s.type === 'array') shaped = depth > 6 ? fc.constant([]) : arrayValue(s, ctx, depth, hint);
  else if (s.type === 'string' || s.enum) shaped = stringValue(s, ctx, hint);
  else if (s.type === 'integer' || s.type === 'number') shaped = numberValue(s, ctx);
  else if (s.type === 'boolean') shaped = choose(ctx, [8, fc.boolean()], [1, fc.constantFrom<unknown>('true', 'false', 1, 0)]);
  else shaped = wrongValue; // an untyped schema takes anything
  if (s.nullable && ctx.mode !== 'mutant') shaped = weighted([5, shaped], [1, fc.constant(null)]);
  // Now and then the wrong type altogether (never when strict; for a mutant, shaped holds its fault).
  return ctx.mode === 'strict' ? shaped : weighted([ctx.mode === 'mutant' ? 4 : 14, shaped], [1, wrongValue]);
}
