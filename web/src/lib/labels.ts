// A meeting's or case's label names the family for the people working with it, never the child.
// Two helpers: made-up labels from trees and birds ("Ärende Lönnen"), offered before anything is
// typed, and a soft check that a typed label looks like a first name and a surname. The check
// only warns: the person may confirm that it is not a name (a family called "Ek" exists).

const TREES_AND_BIRDS = [
  'Lönnen', 'Eken', 'Björken', 'Aspen', 'Linden', 'Almen', 'Granen', 'Tallen', 'Rönnen', 'Hasseln',
  'Sälgen', 'Boken', 'Asken', 'Idegranen', 'Lärken', 'Enen', 'Hägget', 'Flädern', 'Syrenen', 'Kastanjen',
  'Trasten', 'Talgoxen', 'Domherren', 'Bofinken', 'Gärdsmygen', 'Rödhaken', 'Sädesärlan', 'Hackspetten',
  'Nötväckan', 'Steglitsen', 'Grönsiskan', 'Tofsmesen', 'Blåmesen', 'Lärkan', 'Svalan', 'Tranan',
  'Ugglan', 'Vipan', 'Storken', 'Staren', 'Sparven', 'Kajan', 'Skatan', 'Måsen', 'Tärnan', 'Lommen',
] as const;

/**
 * A made-up label not among `taken` (compared without case): "Ärende Lönnen". `pick` chooses an
 * index below its argument (random by default). When every name is taken a number is added.
 */
export function pseudonym(taken: readonly string[], pick: (n: number) => number = (n) => Math.floor(Math.random() * n)): string {
  const used = new Set(taken.map((l) => l.trim().toLowerCase()));
  const free = TREES_AND_BIRDS.map((w) => `Ärende ${w}`).filter((l) => !used.has(l.toLowerCase()));
  if (free.length) return free[pick(free.length)]!;
  const base = `Ärende ${TREES_AND_BIRDS[pick(TREES_AND_BIRDS.length)]}`;
  let n = 2;
  while (used.has(`${base} ${n}`.toLowerCase())) n++;
  return `${base} ${n}`;
}

// Common given names of children and young people in Sweden (SCB's lists of the last twenty
// years, girls and boys), lower case. Not complete, and need not be: the check is a reminder.
const FIRST_NAMES: ReadonlySet<string> = new Set(
  (
    'alice maja elsa astrid wilma freja olivia selma alma ebba ella vera saga agnes stella clara klara signe lilly ellie alva ' +
    'ines ida emma julia linnea moa hanna elin sara matilda nora edith tyra lova leah lea juni majken ester sigrid iris isabelle ' +
    'isabella elvira emilia felicia frida ellen molly nellie thea tilde amanda ronja sofia sofie anna maria emelie lina lisa ' +
    'josefin jenny tove ingrid karin mira liv hedda noomi mila hilda tuva meja nova luna fatima amira aisha maryam ' +
    'hawa yasmin zahra sanna alicia cornelia nathalie wilda novalie leia lykke smilla hilma svea greta elise ' +
    'william noah hugo liam lucas oliver elias oscar adam matteo nils alexander vincent theo leo ludvig arvid axel isak ' +
    'harry charlie frans gustav viktor filip emil anton albin edvin elton melvin sixten sam kevin olle ville alve otto ' +
    'loke august malte valter love jack erik karl carl johan jonas anders per lars mats magnus peter daniel david simon ' +
    'jakob jacob gabriel benjamin mohammed muhammed mohammad ali omar ahmed yusuf hassan ibrahim abdi samuel josef max ' +
    'milo tage ebbe sigge hjalmar folke vidar colin casper rasmus sebastian linus viggo wilmer milian dante elliot ' +
    'henry kian leon mio noel sonny tim tom wille aron alfred'
  ).split(' '),
);

// Words that may follow a name without making it a full name ("Elsa och bror", "Alma i 3B").
const NOT_SURNAMES: ReadonlySet<string> = new Set(['och', 'i', 'på', 'med', 'samt', 'klass', 'åk', 'f', 'år']);

/**
 * True when the text holds a common first name followed by another word (a surname or an
 * initial): "Elsa Andersson", "elsa a.", "Familjen till Noah Berg". Invisible characters and
 * odd spaces are ignored, so "E\u200Blsa Berg" is found too.
 */
export function looksLikeFullName(text: string): boolean {
  const words = text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}-]+/u)
    .filter(Boolean);
  return words.some((w, i) => FIRST_NAMES.has(w) && words[i + 1] !== undefined && !NOT_SURNAMES.has(words[i + 1]!));
}
