import { dictionary } from '@zxcvbn-ts/language-common';

// NIST SP 800-63B 5.1.1.2: refuse passwords on a list of commonly used ones, repetitive or
// sequential characters, and words of the context (the service's name, the person's address).
// Only the list's entries that pass the length rule matter; they are kept lower-cased.
const COMMON: ReadonlySet<string> = new Set((dictionary['passwords-common'] as string[]).filter((p) => p.length >= 12).map((p) => p.toLowerCase()));
const SEQUENCES = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyzåäö', 'qwertyuiopåasdfghjklöäzxcvbnm', '1qaz2wsx3edc4rfv5tgb6yhn7ujm'];

const COMMON_MESSAGE = 'Lösenordet är för vanligt eller lätt att gissa. Välj ett längre, till exempel fyra ord som inte hör ihop.';

/** Why a new password is refused, in Swedish; null when it will do. Length is the contract's rule. */
export function passwordProblem(password: string, context: { email: string; name: string }): string | null {
  const lower = password.toLowerCase().normalize('NFKC');
  if (COMMON.has(lower)) return COMMON_MESSAGE;
  if (new Set(lower).size < 4 || /^(.+)\1+$/su.test(lower)) return 'Lösenordet upprepar samma tecken. Välj ett längre, till exempel fyra ord som inte hör ihop.';
  if (SEQUENCES.some((seq) => seq.includes(lower) || [...seq].reverse().join('').includes(lower))) return COMMON_MESSAGE;
  const local = context.email.split('@')[0]!.toLowerCase();
  const words = ['samverkan', local, ...context.name.toLowerCase().split(/\s+/)];
  // The context (words of four letters or more) taken away, at least four letters or eight
  // characters must be left: the context with a few digits and signs around it is no password.
  const rest = words.reduce((left, w) => (w.length >= 4 ? left.split(w).join('') : left), lower);
  if (rest.replace(/[^\p{L}]/gu, '').length < 4 && rest.length < 8) return 'Lösenordet liknar ditt namn, din e-postadress eller tjänstens namn. Välj något annat.';
  return null;
}
