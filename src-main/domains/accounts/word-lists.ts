import { createRequire } from 'node:module';
import type { PasswordWordLists } from '../../../src-shared/password-policy.js';

/**
 * The password rule's word lists, read from node_modules the first time the
 * station judges a password (about 35 MB in memory): a station that only takes
 * HIS events and syncs never holds them. Required at run time, not imported,
 * so neither tsx nor the desktop bundle loads them at start.
 */
export function loadPasswordWordLists(): PasswordWordLists {
  const require = createRequire(import.meta.url);
  return {
    common: require('@zxcvbn-ts/language-common') as PasswordWordLists['common'],
    english: require('@zxcvbn-ts/language-en') as PasswordWordLists['english'],
    arabic: require('@zxcvbn-ts/language-ar') as PasswordWordLists['arabic'],
  };
}
