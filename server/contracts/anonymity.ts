// The anonymity guard: every free-text field passes through here (the contracts' freeText()
// type), and a text that looks like it holds a personnummer, samordningsnummer, e-mail address
// or phone number is refused. Pure: no I/O, no clock, nothing logged.
//
// Digits are found by tokenising, not by one big pattern: a "run" is digit groups joined by single
// separators (space, dash, plus, "(0)", brackets). Each stretch of whole groups inside a run is then
// classified. That keeps "2026-03-14", "kl. 13.00" and "1 500 kr" apart from "850101-1234".
import { normalise } from './anonymity-normalise.ts';

export type IdentifierKind = 'personal_identity_number' | 'coordination_number' | 'email' | 'phone';

/** Where an identifier was found. The matched text itself is deliberately not kept, so a finding
 *  can be logged or returned without leaking what it found. */
export type Finding = { kind: IdentifierKind; index: number; length: number };

// E-mail: found from each "@" outwards (one left-to-right pattern would be quadratic on long
// words). "(at)"/"[at]" catch the common half-hearted disguise; the local part may hold any
// letters, Swedish ones included.
const AT = /@|\s?[([]at[)\]]\s?/gi;
const LOCAL_CHAR = /[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]/u;
const DOMAIN = /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,10}\p{L}{2,63}/uy;

// Not newlines: numbers on separate lines are separate things.
const WS = '[ \\t\\u00a0\\u2009\\u202f]';
const GROUP = /\d+/y;
// ")"? space? (dash | plus | "(0)")? space? "("?  — all optional, but must be non-empty.
const SEP = new RegExp(`\\)?${WS}?(?:[-\\u2010-\\u2013+]|\\(0\\))?${WS}?\\(?`, 'y');
// A separator that starts a new token: whitespace only, or whitespace before "+" / "(".
// Only there may an identifier begin or end, so "2026-03-14 08-10" never yields "03-14 08-10".
const TOKEN_BREAK = new RegExp(`^\\)?${WS}[+(]?$`);
const DASHES = /[-\u2010-\u2013]/g;

type Group = { start: number; digits: string };
type Span = { kind: IdentifierKind; index: number; end: number };

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** A separator reduced to its meaning: '' (only whitespace or brackets), '-', '+' or '(0)'. */
function core(sep: string) {
  return sep.includes('(0)') ? '(0)' : sep.replace(/[\s()]/g, '').replace(DASHES, '-');
}

function daysInMonth(month: number, leap: boolean) {
  return month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** YYMMDD or YYYYMMDD + four digits. The check digit is NOT verified: a typo still identifies. */
function classifyIdentityNumber(groups: Group[], seps: string[]): IdentifierKind | null {
  const sizes = groups.map((g) => g.digits.length).join(',');
  if (!['10', '12', '6,4', '8,4'].includes(sizes)) return null;
  // Only "-", "+" (over 100 years old), one space, or nothing between date and last four.
  if (seps.length === 1 && !['-', '+', ''].includes(core(seps[0]!))) return null;
  if (seps.length === 1 && /[()]/.test(seps[0]!)) return null;
  const digits = groups.map((g) => g.digits).join('');
  const date = digits.slice(0, digits.length - 4);
  let leap: boolean;
  if (date.length === 8) {
    if (!['18', '19', '20'].includes(date.slice(0, 2))) return null;
    const year = Number(date.slice(0, 4));
    leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  } else {
    // Without the century, 19YY or 20YY: whenever YY % 4 === 0 one of them is a leap year.
    leap = Number(date.slice(0, 2)) % 4 === 0;
  }
  const month = Number(date.slice(-4, -2));
  const day = Number(date.slice(-2));
  if (month < 1 || month > 12) return null;
  const max = daysInMonth(month, leap);
  if (day >= 1 && day <= max) return 'personal_identity_number';
  // A samordningsnummer is the same, with 60 added to the day.
  if (day >= 61 && day <= 60 + max) return 'coordination_number';
  return null;
}

/** A Swedish number, national (0…) or with +46 / 0046 and an optional "(0)". */
function isPhone(groups: Group[], seps: string[], text: string): boolean {
  const cores = seps.map(core);
  if (cores.includes('+')) return false;
  let national = groups.map((g) => g.digits);
  let nationalSeps = seps;
  const first = national[0]!;
  const plus = text[groups[0]!.start - 1] === '+';
  const cc = plus && first.startsWith('46') ? 2 : first.startsWith('0046') ? 4 : 0;
  if (cc) {
    national[0] = first.slice(cc);
    if (national[0] === '') {
      national = national.slice(1);
      nationalSeps = seps.slice(1);
    } else if (cores.includes('(0)')) return false;
    // "(0)" is only meaningful right after the country code.
    if (national.length === 0 || nationalSeps.some((s) => core(s) === '(0)')) return false;
    // Written as +46 70…, or (wrongly but commonly) +46 070…
    if (!national[0]!.startsWith('0')) national[0] = `0${national[0]}`;
  } else if (plus || cores.includes('(0)') || !first.startsWith('0')) return false;
  // Phone-like grouping: at most five groups, none of a single digit ("0 1 2 3 4 5 6 7" is a list),
  // the subscriber part grouped one way only, and no dash after a plain space. That keeps lists
  // such as "08-09 10-11" and "vecka 02 2025-05-22" out.
  if (national.length > 5 || national.some((g) => g.length < 2)) return false;
  // The only two-digit area code is 08 (Stockholm), so "09-14 13 700" is a time and an amount.
  if (national[0]!.length === 2 && national[0] !== '08') return false;
  // A spaced dash ("070 - 123 45 67") only right after the area code: later it is a range.
  const later = new Set(nationalSeps.slice(1).map(core));
  if (later.size > 1 || (later.has('-') && /^\s$/.test(nationalSeps[0] ?? ''))) return false;
  if (nationalSeps.slice(1).some((s) => s.length > 1)) return false;
  // An ISO date (2025-11-06) inside the stretch is a date, whatever stands before it.
  for (let k = 0; k + 2 < groups.length; k++) {
    const [y, m, d] = [groups[k]!.digits, groups[k + 1]!.digits, groups[k + 2]!.digits];
    if (/^(19|20)\d\d$/.test(y) && /^(0[1-9]|1[0-2])$/.test(m) && d.length === 2 && core(seps[k]!) === '-' && core(seps[k + 1]!) === '-') {
      return false;
    }
  }
  const n = national.join('');
  if (n[1] === '0' || n[1] === undefined) return false;
  if (n[1] === '7') return n.length === 10; // mobile: 07x + seven digits
  if (n[1] === '8') return n.length >= 7 && n.length <= 10; // Stockholm: 08 + 5–8 digits
  return n.length >= 8 && n.length <= 10; // other area codes
}

function classify(groups: Group[], seps: string[], count: number, text: string): IdentifierKind | null {
  // Cheap gates first, so long runs of ordinary numbers cost next to nothing.
  const first = groups[0]!.digits;
  const phoneLike = first[0] === '0' || text[groups[0]!.start - 1] === '+';
  const identityLike = groups.length <= 2 && (count === 10 || count === 12);
  // Ten digits in one block starting 07 is first and foremost a mobile number (070… is also a
  // valid birth date, 2007); either way it is refused, this only picks the wording.
  if (groups.length === 1 && count === 10 && first.startsWith('07') && isPhone(groups, seps, text)) return 'phone';
  return (identityLike && classifyIdentityNumber(groups, seps)) || (phoneLike && isPhone(groups, seps, text) ? 'phone' : null);
}

/** Every stretch of whole groups, starting and ending at token breaks, that classifies. */
function spansInRun(groups: Group[], seps: string[], text: string): Span[] {
  const spans: Span[] = [];
  // "2021/0332", "1.0701…": a run glued to digits before it by / . , : is the tail of another
  // number, so nothing may start at its first group.
  const glued = /\d[/.,:]$/.test(text.slice(Math.max(0, groups[0]!.start - 2), groups[0]!.start));
  for (let i = glued ? 1 : 0; i < groups.length; i++) {
    if (i > 0 && !TOKEN_BREAK.test(seps[i - 1]!)) continue;
    let count = 0;
    for (let j = i; j < groups.length; j++) {
      count += groups[j]!.digits.length;
      if (count > 13) break; // 0046 + nine digits is the longest form there is
      if (count < 7) continue; // 08 + five digits is the shortest
      if (j < groups.length - 1 && !TOKEN_BREAK.test(seps[j]!)) continue;
      const kind = classify(groups.slice(i, j + 1), seps.slice(i, j), count, text);
      if (!kind) continue;
      const start = groups[i]!.start;
      // A phone finding includes its leading "+" or the "(" of "(08) 123 45 67".
      const opened = text[start - 1] === '+' || (text[start - 1] === '(' && seps[i]?.startsWith(')'));
      const index = kind === 'phone' && opened ? start - 1 : start;
      spans.push({ kind, index, end: groups[j]!.start + groups[j]!.digits.length });
    }
  }
  return spans;
}

function digitSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (let p = 0; p < text.length; ) {
    if (!isDigit(text[p])) {
      p++;
      continue;
    }
    const groups: Group[] = [];
    const seps: string[] = [];
    let q = p;
    for (;;) {
      GROUP.lastIndex = q;
      const digits = GROUP.exec(text)![0];
      groups.push({ start: q, digits });
      q += digits.length;
      SEP.lastIndex = q;
      const sep = SEP.exec(text)?.[0] ?? '';
      if (sep === '' || !isDigit(text[q + sep.length])) break;
      seps.push(sep);
      q += sep.length;
    }
    spans.push(...spansInRun(groups, seps, text));
    p = q;
  }
  return spans;
}

const priority: Record<IdentifierKind, number> = {
  personal_identity_number: 0,
  coordination_number: 0,
  email: 0,
  phone: 1,
};

function emailSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const at of text.matchAll(AT)) {
    let start = at.index;
    // At most 64 characters back (the limit for a local part): keeps this linear.
    while (start > 0 && at.index - start < 64 && LOCAL_CHAR.test(text[start - 1]!)) start--;
    while (text[start] === '.') start++;
    DOMAIN.lastIndex = at.index + at[0].length;
    const domain = DOMAIN.exec(text);
    if (start < at.index && domain) spans.push({ kind: 'email', index: start, end: DOMAIN.lastIndex });
  }
  return spans;
}

/** Every identifier in a text, by its position and length in the text as written. */
export function findIdentifyingData(written: string): Finding[] {
  const { text, from, to } = normalise(written);
  return findInNormalised(text).map(({ kind, index, length }) => {
    const start = from[index]!;
    return { kind, index: start, length: to[index + length - 1]! - start };
  });
}

function findInNormalised(text: string): Finding[] {
  const candidates = emailSpans(text);
  // Blank out addresses (same length, letters end digit runs) so their digits are not read twice.
  let masked = text;
  for (const e of candidates) masked = masked.slice(0, e.index) + 'x'.repeat(e.end - e.index) + masked.slice(e.end);
  candidates.push(...digitSpans(masked));
  // Overlaps: identity numbers win over phone numbers, then the longer stretch.
  candidates.sort((a, b) => priority[a.kind] - priority[b.kind] || b.end - b.index - (a.end - a.index));
  const chosen: Span[] = [];
  for (const c of candidates) {
    if (chosen.every((o) => c.end <= o.index || c.index >= o.end)) chosen.push(c);
  }
  return chosen
    .sort((a, b) => a.index - b.index)
    .map(({ kind, index, end }) => ({ kind, index, length: end - index }));
}

const names: Record<IdentifierKind, string> = {
  personal_identity_number: 'ett personnummer',
  coordination_number: 'ett samordningsnummer',
  email: 'en e-postadress',
  phone: 'ett telefonnummer',
};
const order = Object.keys(names) as IdentifierKind[];

/** "<subject> ser ut att innehålla … Skriv om …" for the kinds found; '' when there are none. */
export function sentence(subject: string, kinds: readonly IdentifierKind[]) {
  const found = order.filter((k) => kinds.includes(k)).map((k) => names[k]);
  if (found.length === 0) return '';
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} och ${found.at(-1)}`;
  return `${subject} ser ut att innehålla ${list}. Skriv om utan uppgifter som kan identifiera barnet.`;
}

/** Plain Swedish: what was found and what to do. Empty string when nothing was found. */
export function describeFindings(findings: Finding[]): string {
  return sentence('Texten', findings.map((f) => f.kind));
}
