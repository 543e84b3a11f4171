import { describe, expect, it } from 'vitest';
import { fieldErrorsFromZod } from '../errors.js';
import { type Answer, type Answers, answerProblem, missingRequired, shownQuestions } from './answers.js';
import { type Condition, questionSchema, SCALES, surveyContentSchema } from './template.js';

const text = (en: string) => ({ en, ar: `(${en})` });
const choices = [
  { id: 'morning', text: text('Morning') },
  { id: 'evening', text: text('Evening') },
];

/** A template of one page with these questions (text and domain filled in). */
function content(questions: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return {
    title: text('Visit'),
    thankYou: text('Thank you'),
    pages: [{ questions: questions.map((q) => ({ text: text(String(q.id)), domain: 'other', ...q })) }],
    ...extra,
  };
}

function problems(input: unknown): { path: string; key: string }[] {
  const parsed = surveyContentSchema.safeParse(input);
  return parsed.success ? [] : fieldErrorsFromZod(parsed.error).map(({ path, key }) => ({ path, key }));
}

const base = [
  { id: 'overall', type: 'rating' },
  { id: 'visit_time', type: 'single_choice', choices },
  { id: 'comment', type: 'text' },
  { id: 'contact', type: 'yes_no', scored: false },
];

describe('a survey template', () => {
  it('takes every question type, with its defaults', () => {
    const parsed = surveyContentSchema.parse(
      content([
        { id: 'stars', type: 'rating' },
        { id: 'recommend', type: 'nps' },
        { id: 'agree', type: 'likert', notApplicable: true },
        { id: 'always', type: 'frequency', weight: 2 },
        { id: 'yes_or_no', type: 'yes_no' },
        { id: 'one', type: 'single_choice', choices },
        { id: 'many', type: 'multiple_choice', choices },
        { id: 'words', type: 'text' },
      ]),
    );
    const [stars, , agree, always, yesOrNo, , , words] = parsed.pages[0]!.questions;
    expect(stars).toMatchObject({ style: 'stars', required: false, notApplicable: false, weight: 1 });
    expect(agree).toMatchObject({ notApplicable: true });
    expect(always).toMatchObject({ weight: 2 });
    expect(yesOrNo).toMatchObject({ positive: 'yes', scored: true });
    expect(words).toMatchObject({ maxLength: 1000 });
    expect(parsed.negative).toEqual([]);
  });

  it('keeps paragraphs in texts a patient reads, NFC and trimmed', () => {
    const parsed = surveyContentSchema.parse(content(base, { introduction: { en: ' First.\r\nSecond. ', ar: 'مرحبا\u0627\u0653' } }));
    expect(parsed.introduction).toEqual({ en: 'First.\nSecond.', ar: 'مرحبا\u0622' });
  });

  it.each([
    {
      name: 'a bidi override in a question',
      input: content([{ id: 'q', type: 'rating', text: { en: 'Fine', ar: 'جيد\u202E' } }]),
      path: 'pages.0.questions.0.text.ar',
      key: 'field.bad_characters',
    },
    { name: 'no Arabic title', input: { ...content(base), title: { en: 'Visit', ar: '  ' } }, path: 'title.ar', key: 'field.required' },
    { name: 'an id people cannot type', input: content([{ id: 'Overall Score', type: 'rating' }]), path: 'pages.0.questions.0.id', key: 'field.invalid' },
    {
      name: 'an unknown domain',
      input: content([{ id: 'q', type: 'rating', domain: 'parking_fees' }]),
      path: 'pages.0.questions.0.domain',
      key: 'field.invalid_choice',
    },
    {
      name: 'a choice list of one',
      input: content([{ id: 'q', type: 'single_choice', choices: choices.slice(0, 1) }]),
      path: 'pages.0.questions.0.choices',
      key: 'field.too_small',
    },
    { name: 'a page without questions', input: { ...content(base), pages: [{ questions: [] }] }, path: 'pages.0.questions', key: 'field.too_small' },
    {
      name: 'a field it does not know',
      input: content([{ id: 'q', type: 'rating', colour: 'red' }]),
      path: 'pages.0.questions.0.colour',
      key: 'field.unknown',
    },
    { name: 'one id twice', input: content([...base, { id: 'overall', type: 'nps' }]), path: 'pages.0.questions.4.id', key: 'field.survey_duplicate_question' },
    {
      name: 'one choice id twice',
      input: content([{ id: 'q', type: 'multiple_choice', choices: [...choices, choices[0]] }]),
      path: 'pages.0.questions.0.choices',
      key: 'field.survey_duplicate_choice',
    },
    {
      name: 'a show-if on a later question',
      input: content([
        { id: 'first', type: 'rating', showIf: { question: 'second', op: 'answered' } },
        { id: 'second', type: 'rating' },
      ]),
      path: 'pages.0.questions.0.showIf',
      key: 'field.survey_condition_order',
    },
    {
      name: 'a show-if on itself',
      input: content([{ id: 'q', type: 'rating', showIf: { question: 'q', op: 'skipped' } }]),
      path: 'pages.0.questions.0.showIf',
      key: 'field.survey_condition_order',
    },
    {
      name: 'a rating compared with 6',
      input: content([...base, { id: 'why', type: 'text', showIf: { question: 'overall', op: 'equals', value: 6 } }]),
      path: 'pages.0.questions.4.showIf',
      key: 'field.survey_condition_value',
    },
    {
      name: 'a choice that is not on the list',
      input: content([...base, { id: 'why', type: 'text', showIf: { any: [{ question: 'visit_time', op: 'one_of', values: ['night'] }] } }]),
      path: 'pages.0.questions.4.showIf',
      key: 'field.survey_condition_value',
    },
    {
      name: 'free text compared',
      input: content([...base, { id: 'why', type: 'text', showIf: { question: 'comment', op: 'equals', value: 'bad' } }]),
      path: 'pages.0.questions.4.showIf',
      key: 'field.survey_condition_op',
    },
    {
      name: 'a choice compared with less than',
      input: content([...base, { id: 'why', type: 'text', showIf: { question: 'visit_time', op: 'less_than', value: 2 } }]),
      path: 'pages.0.questions.4.showIf',
      key: 'field.survey_condition_op',
    },
    {
      name: 'a negative rule on no question',
      input: content(base, { negative: [{ kind: 'answer_is', question: 'callback', value: true }] }),
      path: 'negative.0',
      key: 'field.survey_unknown_question',
    },
    {
      name: 'a negative rule with an answer yes/no cannot have',
      input: content(base, { negative: [{ kind: 'answer_is', question: 'contact', value: 'yes' }] }),
      path: 'negative.0',
      key: 'field.survey_condition_value',
    },
    {
      name: 'a threshold over 100',
      input: content(base, { negative: [{ kind: 'score_below', threshold: 120 }] }),
      path: 'negative.0.threshold',
      key: 'field.too_big',
    },
  ])('refuses $name, naming the field ($key)', ({ input, path, key }) => {
    expect(problems(input)).toContainEqual({ path, key });
  });

  it('takes show-if conditions on earlier questions, nested with all and any, and the bounds of a scale', () => {
    const condition: Condition = {
      any: [
        {
          all: [
            { question: 'overall', op: 'less_than', value: 5 },
            { question: 'visit_time', op: 'equals', value: 'evening' },
          ],
        },
        { question: 'contact', op: 'equals', value: true },
      ],
    };
    expect(problems(content([...base, { id: 'why', type: 'text', showIf: condition }]))).toEqual([]);
    expect(problems(content([...base, { id: 'why', type: 'text', showIf: { question: 'overall', op: 'greater_than', value: 1 } }]))).toEqual([]);
  });
});

describe('show-if', () => {
  const template = surveyContentSchema.parse(
    content([
      { id: 'overall', type: 'rating', required: true },
      { id: 'what_went_wrong', type: 'text', required: true, showIf: { question: 'overall', op: 'less_than', value: 3 } },
      // asked of those who got the question above and answered it
      { id: 'contact', type: 'yes_no', scored: false, showIf: { question: 'what_went_wrong', op: 'answered' } },
      { id: 'visit_time', type: 'single_choice', choices },
      {
        id: 'evening_parking',
        type: 'rating',
        showIf: {
          all: [
            { question: 'visit_time', op: 'equals', value: 'evening' },
            { question: 'overall', op: 'skipped' },
          ],
        },
      },
    ]),
  );
  const rating = (value: number): Answer => ({ kind: 'scale', value });

  it.each<{ name: string; answers: Answers; shown: string[] }>([
    { name: 'nothing answered yet', answers: {}, shown: ['overall', 'visit_time'] },
    { name: 'a good visit', answers: { overall: rating(5) }, shown: ['overall', 'visit_time'] },
    { name: 'a poor visit', answers: { overall: rating(2) }, shown: ['overall', 'what_went_wrong', 'visit_time'] },
    {
      name: 'a poor visit explained',
      answers: { overall: rating(1), what_went_wrong: { kind: 'text', value: 'Waited long' } },
      shown: ['overall', 'what_went_wrong', 'contact', 'visit_time'],
    },
    // the explanation is still stored, but its question is no longer shown, so neither is the one that hangs on it
    {
      name: 'the rating raised afterwards',
      answers: { overall: rating(4), what_went_wrong: { kind: 'text', value: 'Waited long' } },
      shown: ['overall', 'visit_time'],
    },
    { name: 'evening, overall skipped', answers: { visit_time: { kind: 'choice', value: 'evening' } }, shown: ['overall', 'visit_time', 'evening_parking'] },
    { name: 'evening, overall answered', answers: { overall: rating(3), visit_time: { kind: 'choice', value: 'evening' } }, shown: ['overall', 'visit_time'] },
    // "does not apply" is an answer, but not less than anything
    { name: 'overall does not apply', answers: { overall: { kind: 'not_applicable' } }, shown: ['overall', 'visit_time'] },
  ])('$name → shows $shown', ({ answers, shown }) => {
    expect([...shownQuestions(template, answers)]).toEqual(shown);
  });

  it('asks for the required questions shown on the page, and only those', () => {
    expect(missingRequired(template, 0, {})).toEqual(['overall']);
    expect(missingRequired(template, 0, { overall: rating(2) })).toEqual(['what_went_wrong']);
    expect(missingRequired(template, 0, { overall: rating(5) })).toEqual([]);
  });
});

describe('an answer to a question', () => {
  const q = (fields: Record<string, unknown>) => questionSchema.parse({ id: 'q', text: text('Q'), domain: 'other', ...fields });

  it.each<{ name: string; question: Record<string, unknown>; answer: Answer; problem: string | null }>([
    { name: 'a rating of 5', question: { type: 'rating' }, answer: { kind: 'scale', value: 5 }, problem: null },
    { name: 'a rating of 0', question: { type: 'rating' }, answer: { kind: 'scale', value: 0 }, problem: 'field.invalid_choice' },
    { name: 'NPS 0', question: { type: 'nps' }, answer: { kind: 'scale', value: 0 }, problem: null },
    { name: 'NPS 11', question: { type: 'nps' }, answer: { kind: 'scale', value: 11 }, problem: 'field.invalid_choice' },
    { name: 'frequency 5', question: { type: 'frequency' }, answer: { kind: 'scale', value: SCALES.frequency.max + 1 }, problem: 'field.invalid_choice' },
    { name: 'a word for a scale', question: { type: 'likert' }, answer: { kind: 'text', value: 'agree' }, problem: 'field.invalid_type' },
    { name: '"does not apply" where offered', question: { type: 'rating', notApplicable: true }, answer: { kind: 'not_applicable' }, problem: null },
    { name: '"does not apply" where not offered', question: { type: 'rating' }, answer: { kind: 'not_applicable' }, problem: 'field.survey_not_applicable' },
    { name: 'a listed choice', question: { type: 'single_choice', choices }, answer: { kind: 'choice', value: 'morning' }, problem: null },
    { name: 'an unlisted choice', question: { type: 'single_choice', choices }, answer: { kind: 'choice', value: 'night' }, problem: 'field.invalid_choice' },
    {
      name: 'one choice twice',
      question: { type: 'multiple_choice', choices },
      answer: { kind: 'choices', value: ['morning', 'morning'] },
      problem: 'field.invalid_choice',
    },
    { name: 'no choice', question: { type: 'multiple_choice', choices }, answer: { kind: 'choices', value: [] }, problem: 'field.required' },
    { name: 'text of two lines', question: { type: 'text' }, answer: { kind: 'text', value: 'Kind nurses.\nLong wait.' }, problem: null },
    { name: 'text over its limit', question: { type: 'text', maxLength: 10 }, answer: { kind: 'text', value: 'x'.repeat(11) }, problem: 'field.too_long' },
    { name: 'text with a bidi override', question: { type: 'text' }, answer: { kind: 'text', value: 'جيد\u202E' }, problem: 'field.bad_characters' },
    { name: 'blank text', question: { type: 'text' }, answer: { kind: 'text', value: '   ' }, problem: 'field.required' },
    { name: 'yes', question: { type: 'yes_no' }, answer: { kind: 'yes_no', value: true }, problem: null },
  ])('$name: $problem', ({ question, answer, problem }) => {
    expect(answerProblem(q(question), answer)).toBe(problem);
  });
});
