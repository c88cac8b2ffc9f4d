// Before the anonymity guard looks for identifiers, a text is brought to the one form its patterns
// know: other Unicode digits become 0–9, every dash and minus becomes "-", invisible format
// characters (zero-width spaces, soft hyphens) go, odd spaces become spaces, a dot, slash or
// underscore between digits becomes a dash, a letter O touching a digit becomes 0, and an e-mail
// address written around its "@" ("anna @ skola.se", "anna snabel-a skola.se", "skola。se")
// becomes one. Each character of the result remembers where it came from, so a finding still
// points into the text the person wrote.

export type Normalised = { text: string; from: number[]; to: number[] };

const FORMAT = /\p{Cf}/u;
const DIGIT = /\p{Nd}/u;
const DASH = /[\p{Pd}\u2212\u2043\uFE63\uFF0D]/u;
const SPACE = /[\p{Zs}\t]/u;
const FULL_STOPS: ReadonlySet<string> = new Set(['\u3002', '\uFF0E', '\uFF61', '\u2024']);

/** The value of any Unicode decimal digit: they come in runs of ten code points, zero first. */
function digitValue(cp: number): string {
  let value = 0;
  while (value < 10 && DIGIT.test(String.fromCodePoint(cp - value - 1))) value++;
  return String(value % 10);
}

// "@" as people disguise it; the spaces around are part of the disguise.
const AT_WORDS = /\s*(?:\(\s*(?:at|snabel-?a)\s*\)|\[\s*(?:at|snabel-?a)\s*\]|\bsnabel-?a\b|@)\s*/giy;
const DOT_WORDS = /\s*(?:\(\s*(?:dot|punkt)\s*\)|\[\s*(?:dot|punkt)\s*\])\s*/giy;

// Where an "@" or "(dot)" in disguise may begin: anything else skips those patterns.
const MAY_BEGIN_WORD: ReadonlySet<string> = new Set([' ', '\t', '(', '[', 's', 'S', '@']);

export function normalise(input: string): Normalised {
  const parts: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const put = (s: string, start: number, end: number) => {
    parts.push(s);
    for (let k = 0; k < s.length; k++) {
      from.push(start);
      to.push(end);
    }
  };
  for (let i = 0; i < input.length; ) {
    const char = input[i]!;
    // Within a run of spaces only its first may begin one: the rest would rescan the same run.
    if (MAY_BEGIN_WORD.has(char) && !(/\s/.test(char) && /\s/.test(input[i - 1] ?? ''))) {
      AT_WORDS.lastIndex = i;
      DOT_WORDS.lastIndex = i;
      const word = AT_WORDS.exec(input) ? ['@', AT_WORDS.lastIndex] : DOT_WORDS.exec(input) ? ['.', DOT_WORDS.lastIndex] : null;
      if (word) {
        put(word[0] as string, i, word[1] as number);
        i = word[1] as number;
        continue;
      }
    }
    // Plain ASCII (nearly every character of every text) is already in the form wanted.
    if (char < '\x7f' && char >= ' ') {
      put(char, i, i + 1);
      i++;
      continue;
    }
    const cp = input.codePointAt(i)!;
    const whole = String.fromCodePoint(cp);
    const end = i + whole.length;
    i = end;
    if (FORMAT.test(whole)) continue;
    // NFKC per character keeps the positions: fullwidth digits and "＠", ligatures, superscripts.
    let out = whole.normalize('NFKC');
    if (DIGIT.test(whole)) out = /^[0-9]$/.test(out) ? out : digitValue(cp);
    else if (DASH.test(whole)) out = '-';
    else if (SPACE.test(whole)) out = ' ';
    else if (FULL_STOPS.has(whole)) out = '.';
    put(out, end - whole.length, end);
  }
  return { text: joinDigitGroups(parts.join('')), from, to };
}

// A time or a short date ("08.30", "14.3", "14.03.2026") keeps its dots: "08.30" read as
// "08-30" would start a Stockholm number.
const TIME_OR_DATE = /^\d{1,2}\.\d{1,2}(?:\.\d{2,4})?$/;

// Same length in, same length out: positions stay as they are.
function joinDigitGroups(text: string): string {
  return text
    .replace(/(?<=\d)[Oo]|[Oo](?=\d)/g, '0')
    .replace(/(?<!\d)\d+(?:[./_]\d+)+/g, (chain) => (TIME_OR_DATE.test(chain) ? chain : chain.replace(/[./_]/g, '-')));
}
