import { describe, expect, it } from 'vitest';
import { MESSAGES } from './messages.js';
import { judgePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordOwner, providePasswordWordLists } from './password-policy.js';
import { PASSWORD_WORD_LISTS } from './password-word-lists.js';

providePasswordWordLists(() => PASSWORD_WORD_LISTS);

const NOURA: PasswordOwner = { username: 'noura.q', nameEn: 'Noura Alqahtani', nameAr: 'نورة القحطاني', email: 'n.alqahtani@olaya.example' };

describe('judgePassword', () => {
  it.each([
    // length comes first: nothing shorter than 12 is judged further
    { name: '11 characters', password: 'Amber-Cliff', problem: 'field.password_short' },
    { name: '12 characters of a common password', password: 'password1234', problem: 'field.password_common' },
    { name: 'longer than the limit', password: 'Amber-Cliff-Orchard-'.repeat(7), problem: 'field.password_long' },
    // the common-password lists, and what zxcvbn sees through
    { name: 'a top password with a capital and a year', password: 'Password2026!', problem: 'field.password_common' },
    { name: 'l33t spelling of a common password', password: 'P@ssw0rd2026!', problem: 'field.password_common' },
    { name: 'a keyboard row', password: 'qwertyuiop12', problem: 'field.password_common' },
    { name: 'a sequence', password: 'abcdefghijkl', problem: 'field.password_pattern' },
    { name: 'one character repeated', password: 'aaaaaaaaaaaaaaaa', problem: 'field.password_pattern' },
    { name: 'a common word and a repeated year', password: 'welcome19901990', problem: 'field.password_pattern' },
    { name: 'a date and a short name', password: '19900101sara', problem: 'field.password_dates' },
    { name: 'a common Arabic first name and digits', password: 'abdullah123456', problem: 'field.password_words' },
    // the owner's own words
    { name: 'the username inside', password: 'Noura.Q-Falcon-Lantern', problem: 'field.password_personal' },
    { name: 'the English name inside', password: 'Alqahtani-Falcon-9', problem: 'field.password_personal' },
    { name: 'the Arabic name inside', password: 'القحطاني-صقر-فانوس', problem: 'field.password_personal' },
    { name: 'the email local part inside', password: 'n.alqahtani-Garden-7', problem: 'field.password_personal' },
    { name: 'the first name, whatever the case', password: 'NOURA-river-stone-5', problem: 'field.password_personal' },
    // accepted
    { name: 'three unrelated words and digits', password: 'Amber-Cliff-Orchard-58', problem: null },
    { name: 'a four-word phrase with spaces', password: 'correct horse battery staple', problem: null },
    { name: 'an Arabic phrase', password: 'قلعة النخيل الخضراء', problem: null },
    { name: 'the test password', password: 'Saffron-Ledger-Kettle-41', problem: null },
  ])('$name: $problem', ({ password, problem }) => {
    const verdict = judgePassword(password, NOURA);
    expect(verdict.problem).toBe(problem);
    expect(verdict.ok).toBe(problem === null);
    if (problem === null) expect(verdict.score).toBeGreaterThanOrEqual(3);
    else expect(verdict.score).toBeLessThan(3);
  });

  it('judges the owner’s words only when it knows the owner', () => {
    expect(judgePassword('Alqahtani-Falcon-9').ok).toBe(true);
    expect(judgePassword('Alqahtani-Falcon-9', NOURA).problem).toBe('field.password_personal');
  });

  it('does not refuse a short name word found inside another word', () => {
    // "Ali" is three letters: too common inside other words to refuse (zxcvbn still weighs it)
    expect(judgePassword('Valiant-Goose-Tractor', { nameEn: 'Ali Alharbi' }).ok).toBe(true);
  });

  it('counts characters, not UTF-16 units, and normalises before judging', () => {
    const eleven = 'قلعة-النخيل';
    expect([...eleven].length).toBe(PASSWORD_MIN_LENGTH - 1);
    expect(judgePassword(eleven).problem).toBe('field.password_short');
    // "é" typed as e + combining accent is one character, as the hash will see it
    expect(judgePassword('Cafe\u0301-Cliff-').problem).toBe('field.password_short');
    expect(judgePassword('x'.repeat(PASSWORD_MAX_LENGTH + 1)).problem).toBe('field.password_long');
  });

  it('gives advice with a refusal, and every problem and hint has both languages', () => {
    const weak = judgePassword('Password2026!');
    expect(weak.hints.length).toBeGreaterThan(0);
    for (const key of [weak.problem!, ...weak.hints]) {
      expect(MESSAGES[key].en.length).toBeGreaterThan(10);
      expect(MESSAGES[key].ar).toMatch(/\p{Script=Arabic}/u);
    }
    expect(judgePassword('Amber-Cliff-Orchard-58').hints).toEqual([]);
  });
});
