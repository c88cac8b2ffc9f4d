// The consent receipt is the one page written for the family rather than for staff, and it is
// printed in Swedish or English. Its words live here, both languages side by side, so a
// translation can be checked against the original line by line.
const sv = {
  'title': 'Kvitto på samtycke',
  'lead': 'Det här är ett kvitto på ert samtycke. Här står vad socialtjänsten och {organisation} får prata med varandra om, och hur länge. Spara kvittot.',
  'who.heading': 'Vem får dela vad?',
  'who.text': '{team} på socialtjänsten och {organisation} får berätta för varandra om det här:',
  'who.nothingElse': 'Inget annat delas.',
  'scope.intervention_progress': 'Insatsens förlopp: hur det går med stödet ni får från socialtjänsten.',
  'scope.school_observations': 'Skolans iakttagelser: hur barnet verkar ha det i skolan eller på förskolan.',
  'scope.attendance': 'Närvaro: om barnet är i skolan eller på förskolan.',
  'scope.meeting_invitations': 'Mötesinbjudningar: att ni bjuds in till möten där både socialtjänsten och skolan är med.',
  'facts.heading': 'Samtycket',
  'facts.parties': 'Har samtyckt',
  'facts.how': 'Samtycket gavs',
  'facts.period': 'Gäller',
  'facts.periodValue': 'från och med {from} till och med {until}',
  'facts.status': 'Just nu',
  'status.active': 'Gäller till och med {date}',
  'status.not_yet_valid': 'Gäller från och med {date}',
  'status.expired': 'Har gått ut (gällde till och med {date})',
  'status.withdrawn': 'Återkallat {date}',
  'parties.oneGuardian': 'En vårdnadshavare',
  'parties.twoGuardians': 'Två vårdnadshavare',
  'parties.andChild': '{guardians} och barnet',
  'parties.childOnly': 'Barnet',
  'how.written': 'Skriftligt',
  'how.verbal': 'Muntligt',
  'withdraw.heading': 'Du kan ta tillbaka samtycket när du vill',
  'withdraw.text': 'Du behöver inte säga varför. Från den stunden delas ingenting mer.',
  'withdraw.contact': 'Ring {name} på',
  'withdraw.team': 'Du kan också ringa {team} på',
  'withdraw.teamOnly': 'Ring {team} på',
  'withdraw.noPhone': 'Kontakta {team} på socialtjänsten.',
  'stored.heading': 'Det här sparas inte',
  'stored.text': 'Vi sparar inte barnets eller ert personnummer i Samverkan. Ärendet har bara en beteckning.',
  'sign.heading': 'Att fylla i för hand',
  'sign.guardian': 'Vårdnadshavare',
  'sign.child': 'Barnet',
  'sign.date': 'Datum',
  'sign.blank': 'fylls i för hand',
  'print.button': 'Skriv ut',
  'print.hint': 'Skriv ut kvittot med webbläsarens utskriftsknapp (Ctrl+P, eller ⌘+P på Mac).',
  'language.switch': 'In English',
  'back': 'Tillbaka till ärendet',
} as const;

export type ReceiptKey = keyof typeof sv;

const en: Record<ReceiptKey, string> = {
  'title': 'Receipt for your consent',
  'lead': 'This is a receipt for your consent. It says what social services and {organisation} may tell each other, and for how long. Please keep it.',
  'who.heading': 'Who may share what?',
  'who.text': '{team} at social services and {organisation} may tell each other about this:',
  'who.nothingElse': 'Nothing else is shared.',
  'scope.intervention_progress': 'How the support is going: how the help you get from social services is going.',
  'scope.school_observations': 'What the school notices: how your child seems to be doing at school or preschool.',
  'scope.attendance': 'Attendance: whether your child is at school or preschool.',
  'scope.meeting_invitations': 'Meeting invitations: that you are invited to meetings with both social services and the school.',
  'facts.heading': 'The consent',
  'facts.parties': 'Given by',
  'facts.how': 'Given',
  'facts.period': 'Valid',
  'facts.periodValue': 'from {from} up to and including {until}',
  'facts.status': 'Right now',
  'status.active': 'Valid up to and including {date}',
  'status.not_yet_valid': 'Valid from {date}',
  'status.expired': 'Has expired (was valid up to and including {date})',
  'status.withdrawn': 'Withdrawn on {date}',
  'parties.oneGuardian': 'One parent or guardian',
  'parties.twoGuardians': 'Two parents or guardians',
  'parties.andChild': '{guardians} and the child',
  'parties.childOnly': 'The child',
  'how.written': 'In writing',
  'how.verbal': 'Verbally',
  'withdraw.heading': 'You can take back your consent at any time',
  'withdraw.text': 'You do not have to say why. From that moment nothing more is shared.',
  'withdraw.contact': 'Call {name} on',
  'withdraw.team': 'You can also call {team} on',
  'withdraw.teamOnly': 'Call {team} on',
  'withdraw.noPhone': 'Contact {team} at social services.',
  'stored.heading': 'What is not stored',
  'stored.text': 'We do not store your or your child’s personal identity number in Samverkan. The case only has a short label.',
  'sign.heading': 'To fill in by hand',
  'sign.guardian': 'Parent or guardian',
  'sign.child': 'The child',
  'sign.date': 'Date',
  'sign.blank': 'filled in by hand',
  'print.button': 'Print',
  'print.hint': 'Print the receipt with your browser’s print button (Ctrl+P, or ⌘+P on a Mac).',
  'language.switch': 'På svenska',
  'back': 'Back to the case',
};

export type ReceiptLang = 'sv' | 'en';
const dictionaries: Record<ReceiptLang, Record<ReceiptKey, string>> = { sv, en };

/** A `t()` for the receipt in one language. */
export function receiptT(lang: ReceiptLang) {
  const words = dictionaries[lang];
  return (key: ReceiptKey, vars: Record<string, string | number> = {}) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

