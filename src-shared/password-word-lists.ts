import * as arabic from '@zxcvbn-ts/language-ar';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import type { PasswordWordLists } from './password-policy.js';

/**
 * The password rule's word lists, imported whole: for the console's bundle
 * (its strength meter judges as the person types) and for tests. The station
 * loads them only when it first judges a password (src-main/domains/accounts/word-lists.ts).
 */
export const PASSWORD_WORD_LISTS: PasswordWordLists = { common, english, arabic };
