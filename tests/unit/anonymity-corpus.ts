// Deterministic corpora for measuring the anonymity guard (server/contracts/anonymity.ts):
// sentences that each hide one identifier, and ordinary school sentences full of harmless numbers.
// Same (n, seed) → same sentences, so a measured figure can be reproduced.
import type { IdentifierKind } from '../../server/contracts/anonymity.ts';

export type IdentifyingCase = { text: string; kind: IdentifierKind; index: number; length: number };

type Rng = () => number;

/** mulberry32: small, fast, good enough for test data. */
function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));
const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const digits = (r: Rng, count: number) => Array.from({ length: count }, () => int(r, 0, 9)).join('');

function daysIn(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function luhn(nine: string) {
  let sum = 0;
  for (let i = 0; i < nine.length; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A personnummer or samordningsnummer in one of the common forms, check digit right or wrong. */
function identityNumber(r: Rng, coordination: boolean): string {
  const year = int(r, 1915, 2023);
  const month = int(r, 1, 12);
  // Leap days on purpose now and then.
  const day = month === 2 && year % 4 === 0 && r() < 0.2 ? 29 : int(r, 1, daysIn(year, month));
  const date = `${pad(year % 100)}${pad(month)}${pad(day + (coordination ? 60 : 0))}`;
  const serial = digits(r, 3);
  const check = luhn(date + serial);
  const last = serial + (r() < 0.5 ? check : (check + int(r, 1, 9)) % 10);
  const long = r() < 0.4;
  const sep = pick(r, long ? ['-', ' ', ''] : ['-', '+', ' ', '']);
  return `${long ? String(year).slice(0, 2) : ''}${date}${sep}${last}`;
}

function email(r: Rng): string {
  const first = pick(r, ['anna', 'björn', 'åsa', 'örjan', 'märta', 'kalle', 'li', 'mohammed', 'sara-lena', 'ella']);
  const last = pick(r, ['andersson', 'öberg', 'nyström', 'ali', 'lindqvist', 'åkesson', 'berg']);
  const local = pick(r, [first, `${first}.${last}`, `${first}${int(r, 1, 99)}`, `${first}_${last}`, `${first}+skola`, `${first[0]}${last}`]);
  const domain = pick(r, ['skola.stockholm.se', 'gmail.com', 'hotmail.se', 'telia.com', 'edu.huddinge.se', 'outlook.com', 'kommun.se', 'elev.botkyrka.se']);
  return `${local}@${domain}`;
}

/** Joins digits into groups of the given sizes with the given separators. */
function group(d: string, sizes: number[], seps: string[]) {
  let out = '';
  let at = 0;
  sizes.forEach((size, i) => {
    out += (i > 0 ? seps[i - 1] : '') + d.slice(at, at + size);
    at += size;
  });
  return out;
}

function phone(r: Rng): string {
  const type = pick(r, ['mobile', 'mobile', 'stockholm', 'area']);
  let area: string;
  let subscriber: string;
  if (type === 'mobile') {
    area = `07${pick(r, ['0', '2', '3', '6', '9'])}`;
    subscriber = digits(r, 7);
  } else if (type === 'stockholm') {
    area = '08';
    subscriber = `${int(r, 1, 9)}${digits(r, int(r, 4, 7))}`;
  } else {
    area = pick(r, ['031', '040', '018', '046', '0431', '0480', '0911', '0520', '013', '090']);
    subscriber = `${int(r, 1, 9)}${digits(r, int(r, 4, 10 - area.length - 1))}`;
  }
  // Subscriber groupings as people write them: 123 45 67, 12 34 56, 123 456 78, 1234567 …
  const n = subscriber.length;
  const sizes = pick(r, [[n], n >= 6 ? [n - 4, 2, 2] : [3, 2], n === 8 ? [2, 2, 2, 2] : [n], n >= 6 ? [3, n - 3] : [n]]);
  // Dashes all the way ("070-123-45-67") or a dash/space after the area code and spaces after.
  const sep = pick(r, ['-', '-', ' ', '', ' - ']);
  const inner = sep === '-' && r() < 0.3 ? '-' : ' ';
  const rest = group(subscriber, sizes, Array(sizes.length).fill(inner));
  const national = area.slice(1);
  return pick(r, [
    `${area}${sep}${rest}`,
    `${area}${sep}${rest}`,
    `${area}${subscriber}`,
    `(${area}) ${rest}`,
    `+46 ${national}${sep === '' ? ' ' : sep}${rest}`,
    `+46 (0)${national}-${rest}`,
    `+46${national}${subscriber}`,
    `0046 ${national}${sep === '' ? ' ' : sep}${rest}`,
    `0046${national}${subscriber}`,
    `+46-${national}-${rest}`,
  ]);
}

const identifyingFrames = [
  'Elevens personnummer är {x}, se bifogat.',
  'Ring mamman på {x} efter kl. 15.00.',
  'Kontakt: {x}',
  '{x} – ny elev i åk 7B från och med v. 12.',
  'Pappa nås på {x} eller via skolans växel.',
  'Skicka kallelsen till {x} senast den 3 mars 2026.',
  'Gäller barnet med nr {x} i klass 4A.',
  'Vårdnadshavare ({x}) vill boka tid 2026-03-14.',
  'Anmälan gäller {x}. Mötet hålls i sal 204.',
  'Hen har bytt nummer till {x}, och går nu 80 % på skolan.',
  'Mentor: 3 av 25 elever saknar samtycke, bland annat {x}.',
  'Uppgifter i ärendet: {x}, inkommen 14/3.',
  'Se {x}!',
  'Tidigare skola har {x} som kontakt, läsåret 2025/26.',
  'Ring {x} 10 gånger utan svar.',
  'Eleven, född {x}, går i åk 3.',
];

function identifier(r: Rng): { value: string; kind: IdentifierKind } {
  const roll = r();
  if (roll < 0.35) return { value: identityNumber(r, false), kind: 'personal_identity_number' };
  if (roll < 0.45) return { value: identityNumber(r, true), kind: 'coordination_number' };
  if (roll < 0.6) return { value: email(r), kind: 'email' };
  return { value: phone(r), kind: 'phone' };
}

/** n sentences that each embed one identifier, with where it sits and what it is. */
export function identifyingCases(n: number, seed: number): IdentifyingCase[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const { value, kind } = identifier(r);
    const frame = pick(r, identifyingFrames);
    const index = frame.indexOf('{x}');
    return { text: frame.replace('{x}', value), kind, index, length: value.length };
  });
}

export function identifyingCorpus(n: number, seed: number): string[] {
  return identifyingCases(n, seed).map((c) => c.text);
}

const months = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ' ');

/** Harmless number phrases, each a fresh random value. */
const fragments: ((r: Rng) => string)[] = [
  (r) => `${int(r, 2024, 2027)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`,
  (r) => `den ${int(r, 1, 28)}/${int(r, 1, 12)}`,
  (r) => `den ${int(r, 1, 28)} ${pick(r, months)} ${int(r, 2024, 2027)}`,
  (r) => `v. ${int(r, 1, 52)}`,
  (r) => `vecka ${pad(int(r, 1, 52))}`,
  (r) => `kl. ${int(r, 7, 17)}.${pick(r, ['00', '15', '30', '45'])}`,
  (r) => `kl ${pad(int(r, 7, 17))}:${pick(r, ['00', '15', '30', '45'])}`,
  (r) => `${int(r, 7, 12)}-${int(r, 13, 17)}`,
  (r) => `${pad(int(r, 7, 12))}.00–${pad(int(r, 13, 17))}.00`,
  (r) => `åk ${int(r, 1, 9)}${pick(r, ['A', 'B', 'C', ''])}`,
  (r) => `klass ${int(r, 1, 9)}${pick(r, ['A', 'B', 'C'])}`,
  (r) => `${int(r, 5, 100)} %`,
  (r) => `${int(r, 5, 100)}%`,
  (r) => `sal ${int(r, 100, 420)}`,
  (r) => `rum ${pick(r, ['A', 'B', 'C'])}${int(r, 100, 420)}`,
  (r) => `${thousands(int(r, 1, 200) * 100)} kr`,
  (r) => `${thousands(int(r, 1, 90) * 1000)} kronor`,
  (r) => `${thousands(int(r, 1, 50) * 100)}:-`,
  (r) => {
    const y = int(r, 2015, 2026);
    return `läsåret ${y}/${pad((y + 1) % 100)}`;
  },
  (r) => {
    const y = int(r, 2010, 2024);
    return `${y}–${y + int(r, 1, 4)}`;
  },
  (r) => `${int(r, 1, 10)} av ${int(r, 18, 32)} elever`,
  (r) => `${int(r, 6, 16)} år`,
  (r) => `${int(r, 1, 3)}:${pick(r, ['a', 'e'])} ${pick(r, ['plats', 'lektionen', 'gången'])}`,
  (r) => `${int(r, 100, 199)} ${pad(int(r, 10, 99))} ${pick(r, ['Vällingby', 'Huddinge', 'Uppsala'])}`,
  (r) => `år ${int(r, 1990, 2030)}`,
  (r) => `${int(r, 2, 40)} minuter`,
  (r) => `sida ${int(r, 1, 300)}`,
  // Harder: numbers side by side, leading zeros, dash-joined pairs.
  (r) => `${int(r, 2024, 2027)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))} ${pad(int(r, 8, 12))}-${int(r, 13, 16)}`,
  (r) => `vecka ${pad(int(r, 1, 9))} ${int(r, 2024, 2027)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`,
  (r) => `tider ${pad(int(r, 7, 9))}-${pad(int(r, 10, 11))} ${int(r, 12, 14)}-${int(r, 15, 16)}`,
  (r) => `${pick(r, ['fredag', 'måndag', 'onsdag'])} ${int(r, 1, 28)}/${int(r, 1, 12)} ${pad(int(r, 8, 11))}:15-${int(r, 12, 16)}:45`,
  (r) => `${int(r, 0, 3)} av ${int(r, 18, 32)} elever`,
  (r) => `${pick(r, ['0-3', '1-5', '3-5', '6-9'])} år`,
  (r) => `sidorna ${int(r, 10, 90)}-${int(r, 91, 200)}`,
  (r) => `${int(r, 1, 9)},${int(r, 1, 9)} timmar`,
  (r) => `${thousands(int(r, 1, 9) * 1_000_000)} kr`,
  (r) => `${thousands(int(r, 5, 15) * 1000)}-${thousands(int(r, 16, 30) * 1000)} kr`,
  (r) => `dnr ${int(r, 2020, 2026)}/${pad(int(r, 1, 999), 4)}`,
  (r) => `Storgatan ${int(r, 1, 80)}, ${int(r, 100, 199)} ${pad(int(r, 10, 99))} Vällingby`,
  (r) => `åk ${int(r, 1, 3)}, ${int(r, 4, 6)} och ${int(r, 7, 9)}`,
  (r) => `${int(r, 1, 4)}/${int(r, 5, 8)} av tiden`,
  (r) => `${pad(int(r, 7, 9))}.00 ${pad(int(r, 10, 12))}.00 ${int(r, 13, 15)}.00`,
];

const ordinaryFrames = [
  'Mötet hålls {a} i {b}.',
  'Uppföljning {a}, därefter {b}.',
  'Eleven i {a} har haft hög frånvaro, cirka {b}.',
  'Klassen åker på studiebesök {a} och kostnaden är {b}.',
  'Vi ses {a} {b} i personalrummet.',
  'Enligt mentor gäller det {a}; nästa avstämning {b}.',
  '{a}: samtal med rektor, {b}.',
  'Gruppen träffas {a} och {b} under hösten.',
  'Resultatet förbättrades {a} jämfört med {b}.',
  'Notering {a} – {b}.',
  '{a} {b} {c}',
  'Schema: {a}, {b}, {c}.',
];

/** n ordinary school sentences with dates, times, classes, amounts … and nothing identifying. */
export function ordinaryCorpus(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, () =>
    pick(r, ordinaryFrames)
      .replace('{a}', pick(r, fragments)(r))
      .replace('{b}', pick(r, fragments)(r))
      .replace('{c}', pick(r, fragments)(r)),
  );
}
