import { type FeedbackType, ZxcvbnFactory } from '@zxcvbn-ts/core';
import type * as arabic from '@zxcvbn-ts/language-ar';
import type * as common from '@zxcvbn-ts/language-common';
import type * as english from '@zxcvbn-ts/language-en';
import type { MessageKey } from './messages.js';

/**
 * The one password rule, for the station (which enforces it) and the console
 * (which shows it live while a password is typed): at least 12 characters,
 * nothing of its owner's username, email or names, and hard to guess as
 * zxcvbn judges it against the common-password lists and English and Arabic
 * (transliterated) names and words.
 *
 * Why a score of 3 ("safely unguessable", at least 10^8 guesses): online,
 * the lockout allows 5 guesses per account per 15 minutes, so 10^8 guesses is
 * millennia; offline, against a stolen station database, each guess costs a
 * scrypt at N=2^17 (about 0.1–0.3 s of a core), so 10^8 guesses is months of
 * a large machine per account. A score of 4 (10^10) would refuse most
 * memorable phrases of three words and push people to write passwords down,
 * which a PX office with shared desks should not.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase (OWASP ASVS asks that 64 be allowed), short enough to bound hashing and judging. */
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_MIN_SCORE = 3;
/** The part of a password zxcvbn reads: 64 characters of passphrase are strong or not on their own, and the cost grows fast beyond. */
const JUDGED_LENGTH = 64;
/** Name words this long or longer may not appear in the password (shorter ones, such as "Ali", are too common inside other words). */
const NAME_WORD_MIN = 4;

export type PasswordScore = 0 | 1 | 2 | 3 | 4;

/** Whose password it is: their own words are the first an attacker tries. */
export interface PasswordOwner {
  readonly username?: string | null | undefined;
  readonly nameEn?: string | null | undefined;
  readonly nameAr?: string | null | undefined;
  readonly email?: string | null | undefined;
}

/** Why a password is refused: a field message (src-shared/messages.ts) for the person setting it. */
export type PasswordProblem = Extract<
  MessageKey,
  | 'field.password_short'
  | 'field.password_long'
  | 'field.password_personal'
  | 'field.password_common'
  | 'field.password_pattern'
  | 'field.password_dates'
  | 'field.password_words'
  | 'field.password_weak'
>;

/** Advice for a stronger one, shown under the strength meter. */
export type PasswordHint = Extract<MessageKey, `password.hint.${string}`>;

export interface PasswordVerdict {
  readonly ok: boolean;
  /** zxcvbn's 0–4 (0 for a password too short to judge); the meter shows it */
  readonly score: PasswordScore;
  /** the reason it is refused; null when it is accepted */
  readonly problem: PasswordProblem | null;
  readonly hints: readonly PasswordHint[];
}

/**
 * zxcvbn's word lists and keyboard graphs, as their packages export them.
 * About 35 MB once loaded, so importing this rule does not load them: the
 * side that judges passwords provides a loader (the station reads them from
 * node_modules on the first password it judges, src-main/domains/accounts/
 * word-lists.ts; the console bundles them, src-shared/password-word-lists.ts).
 */
export interface PasswordWordLists {
  readonly common: Pick<typeof common, 'adjacencyGraphs' | 'dictionary'>;
  readonly english: Pick<typeof english, 'dictionary'>;
  readonly arabic: Pick<typeof arabic, 'dictionary'>;
}

let loadWordLists: (() => PasswordWordLists) | null = null;
let factory: ZxcvbnFactory | null = null;

/** Where the word lists come from, before the first password is judged. The first loader given is kept (every loader gives the same lists). */
export function providePasswordWordLists(load: () => PasswordWordLists): void {
  loadWordLists ??= load;
}

/** Built on first use (about 0.4 s: it ranks the dictionaries); the lists are local, nothing is fetched. */
function zxcvbn(): ZxcvbnFactory {
  if (factory) return factory;
  if (!loadWordLists) throw new Error('No password word lists: call providePasswordWordLists() where the app starts');
  const { common, english, arabic } = loadWordLists();
  factory = new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      // the Arabic package lists transliterated Arabic first and last names (Mohammed, Alharbi…)
      'firstnames-ar': arabic.dictionary.firstnames,
      'lastnames-ar': arabic.dictionary.lastnames,
    },
    // l33t variants grow combinatorially: 10 keeps a hostile 64-character password under ~0.1 s and still sees "P@ssw0rd"
    l33tMaxSubstitutions: 10,
    maxLength: JUDGED_LENGTH,
  });
  return factory;
}

function normal(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/** The owner's words, as zxcvbn should know them, and the ones the password may not contain at all. */
function ownerWords(owner: PasswordOwner): { inputs: string[]; forbidden: string[] } {
  const username = normal(owner.username?.trim() ?? '');
  const email = normal(owner.email?.trim() ?? '');
  const local = email.split('@')[0] ?? '';
  const nameWords = [owner.nameEn, owner.nameAr].flatMap((name) => normal(name ?? '').split(/[\s\p{P}]+/u)).filter(Boolean);
  const pieces = [username, local].flatMap((word) => word.split(/[._+-]+/));
  const inputs = [...new Set([username, email, local, ...pieces, ...nameWords].filter((word) => word.length >= 2))];
  const forbidden = [...[username, local].filter((word) => word.length >= 3), ...[...pieces, ...nameWords].filter((word) => [...word].length >= NAME_WORD_MIN)];
  return { inputs, forbidden };
}

/** zxcvbn's warning, as the field message that tells the person what is wrong. */
function problemOf(warning: FeedbackType['warning']): PasswordProblem {
  switch (warning) {
    case 'topTen':
    case 'topHundred':
    case 'common':
    case 'similarToCommon':
    case 'pwned':
      return 'field.password_common';
    case 'straightRow':
    case 'keyPattern':
    case 'simpleRepeat':
    case 'extendedRepeat':
    case 'sequences':
      return 'field.password_pattern';
    case 'recentYears':
    case 'dates':
      return 'field.password_dates';
    case 'wordByItself':
    case 'namesByThemselves':
    case 'commonNames':
      return 'field.password_words';
    case 'userInputs':
      return 'field.password_personal';
    default:
      return 'field.password_weak';
  }
}

const HINTS: Readonly<Record<string, PasswordHint>> = {
  anotherWord: 'password.hint.more_words',
  useWords: 'password.hint.more_words',
  capitalization: 'password.hint.capitals',
  allUppercase: 'password.hint.capitals',
  l33t: 'password.hint.substitutions',
  reverseWords: 'password.hint.substitutions',
  dates: 'password.hint.dates',
  recentYears: 'password.hint.dates',
  associatedYears: 'password.hint.dates',
  sequences: 'password.hint.patterns',
  repeated: 'password.hint.patterns',
  longerKeyboardPattern: 'password.hint.patterns',
};

function hintsOf(suggestions: readonly string[]): PasswordHint[] {
  return [...new Set(suggestions.map((s) => HINTS[s]).filter((h): h is PasswordHint => h !== undefined))];
}

/**
 * Judges a new password for its owner. Pure apart from building zxcvbn's
 * dictionaries once: the same password and owner always get the same verdict,
 * on the station and in the console.
 */
export function judgePassword(password: string, owner: PasswordOwner = {}): PasswordVerdict {
  const text = password.normalize('NFC');
  const length = [...text].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, score: 0, problem: 'field.password_short', hints: ['password.hint.more_words'] };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, score: 0, problem: 'field.password_long', hints: [] };
  const { inputs, forbidden } = ownerWords(owner);
  const result = zxcvbn().check(text, inputs);
  const score = result.score as PasswordScore;
  const hints = hintsOf(result.feedback.suggestions);
  const lowered = normal(text);
  if (forbidden.some((word) => lowered.includes(word)))
    return { ok: false, score: Math.min(score, 1) as PasswordScore, problem: 'field.password_personal', hints };
  if (score < PASSWORD_MIN_SCORE)
    return { ok: false, score, problem: problemOf(result.feedback.warning), hints: hints.length > 0 ? hints : ['password.hint.more_words'] };
  return { ok: true, score, problem: null, hints: [] };
}
