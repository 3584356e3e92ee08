import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first recommended setting
 * (m = 19 MiB, t = 2, p = 1).
 */
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** NCSC guidance: length over complexity. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * NCSC's password guidance ("Password administration for system owners", 2018) asks services to refuse the
 * most common passwords with a deny list rather than impose complexity rules. Cairn refuses a chosen
 * password that zxcvbn (its common-password and common-word lists, with the variations attackers try
 * first: suffixed digits and years, keyboard runs, repeats, l33t) estimates an attacker guesses in fewer
 * than 10^PASSWORD_MIN_GUESSES_LOG10 tries, zxcvbn's score 3 ("safely unguessable" online, moderate
 * protection offline). `password1234` needs about 10^4.2 guesses; three random words about 10^15.
 */
export const PASSWORD_MIN_GUESSES_LOG10 = 8;

type Estimator = { check: (password: string, userInputs?: string[]) => { guessesLog10: number } };
let estimator: Promise<Estimator> | null = null;

/** The estimator, loaded on first use (its word lists are about 2 MB: no cost at start-up). */
function passwordEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/**
 * Why a password someone chose is too easy to guess, or null when it is not. Words of their own (their
 * e-mail address, name) count as known to an attacker.
 */
export async function weakPasswordReason(password: string, own: string[] = []): Promise<string | null> {
  const words = own.flatMap((w) => w.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  const { guessesLog10 } = (await passwordEstimator()).check(password, words);
  return guessesLog10 < PASSWORD_MIN_GUESSES_LOG10
    ? 'This password is too common or too easy to guess (a common password, word or pattern). Three random words make a strong password that is easy to remember.'
    : null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the e-mail is unknown, so that the answer takes as long either way. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password an administrator hands over: 4 groups of 4 unambiguous characters. */
export function generateTemporaryPassword(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
