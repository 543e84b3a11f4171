import { describe, expect, it } from 'vitest';
import type { Answer, Answers } from './answers.js';
import { itemScore, npsCategory, npsOf, responseRate, scoreResponse, summarize } from './scoring.js';
import { type Question, questionSchema, type SurveyContent, surveyContentSchema } from './template.js';

const text = (en: string) => ({ en, ar: `(${en})` });
const question = (fields: Record<string, unknown>): Question => questionSchema.parse({ text: text('Q'), domain: 'other', ...fields });
const scale = (value: number): Answer => ({ kind: 'scale', value });
const yes: Answer = { kind: 'yes_no', value: true };
const no: Answer = { kind: 'yes_no', value: false };
const na: Answer = { kind: 'not_applicable' };

function survey(questions: Record<string, unknown>[], negative: unknown[] = []): SurveyContent {
  return surveyContentSchema.parse({
    title: text('Visit'),
    thankYou: text('Thank you'),
    pages: [{ questions: questions.map((q) => ({ text: text(String(q.id)), domain: 'other', ...q })) }],
    negative,
  });
}

describe('the linear 0–100 score of one answer: 100 × (x − min)/(max − min)', () => {
  // CAHPS: Never/Sometimes/Usually/Always = 1…4 → 0, 33.3, 66.7, 100 (NCI SEER-CAHPS guidance)
  // Press Ganey: Very poor … Very good = 1…5 → 0, 25, 50, 75, 100
  // a 0–10 rating is × 10 (HCAHPS star method)
  it.each([
    { type: 'frequency', value: 1, linear: 0, topBox: false, bottomBox: true },
    { type: 'frequency', value: 2, linear: 100 / 3, topBox: false, bottomBox: false },
    { type: 'frequency', value: 3, linear: 200 / 3, topBox: false, bottomBox: false },
    { type: 'frequency', value: 4, linear: 100, topBox: true, bottomBox: false },
    { type: 'rating', value: 1, linear: 0, topBox: false, bottomBox: true },
    { type: 'rating', value: 2, linear: 25, topBox: false, bottomBox: false },
    { type: 'rating', value: 3, linear: 50, topBox: false, bottomBox: false },
    { type: 'rating', value: 4, linear: 75, topBox: false, bottomBox: false },
    { type: 'rating', value: 5, linear: 100, topBox: true, bottomBox: false },
    { type: 'likert', value: 4, linear: 75, topBox: false, bottomBox: false },
    { type: 'nps', value: 0, linear: 0, topBox: false, bottomBox: true },
    { type: 'nps', value: 7, linear: 70, topBox: false, bottomBox: false },
    // HCAHPS overall rating: the top box is "9 or 10"
    { type: 'nps', value: 9, linear: 90, topBox: true, bottomBox: false },
    { type: 'nps', value: 10, linear: 100, topBox: true, bottomBox: false },
  ])('$type answered $value scores $linear', ({ type, value, linear, topBox, bottomBox }) => {
    const item = itemScore(question({ id: 'q', type }), scale(value));
    expect(item?.linear).toBeCloseTo(linear, 10);
    expect(item).toMatchObject({ value, topBox, bottomBox });
  });

  it.each([
    { positive: 'yes', answer: yes, linear: 100, topBox: true },
    { positive: 'yes', answer: no, linear: 0, topBox: false },
    // "Did you wait more than 30 minutes?": no is the good answer
    { positive: 'no', answer: no, linear: 100, topBox: true },
    { positive: 'no', answer: yes, linear: 0, topBox: false },
  ])('a yes/no whose positive answer is $positive scores $linear', ({ positive, answer, linear, topBox }) => {
    expect(itemScore(question({ id: 'q', type: 'yes_no', positive }), answer)).toMatchObject({ linear, topBox, bottomBox: !topBox });
  });

  it('does not score free text, choices, a yes/no marked unscored, or "does not apply"', () => {
    expect(itemScore(question({ id: 'q', type: 'text' }), { kind: 'text', value: 'fine' })).toBeNull();
    expect(
      itemScore(
        question({
          id: 'q',
          type: 'single_choice',
          choices: [
            { id: 'a', text: text('A') },
            { id: 'b', text: text('B') },
          ],
        }),
        { kind: 'choice', value: 'a' },
      ),
    ).toBeNull();
    expect(itemScore(question({ id: 'q', type: 'yes_no', scored: false }), yes)).toBeNull();
    expect(itemScore(question({ id: 'q', type: 'rating', notApplicable: true }), na)).toBeNull();
  });
});

describe('NPS = % promoters (9–10) − % detractors (0–6) of those who answered', () => {
  it.each([
    { value: 0, category: 'detractor' },
    { value: 6, category: 'detractor' },
    { value: 7, category: 'passive' },
    { value: 8, category: 'passive' },
    { value: 9, category: 'promoter' },
    { value: 10, category: 'promoter' },
  ] as const)('$value is a $category', ({ value, category }) => expect(npsCategory(value)).toBe(category));

  it.each([
    // 5 promoters, 2 passives, 3 detractors of 10: 50 % − 30 % = +20
    { values: [10, 10, 9, 9, 10, 8, 7, 6, 5, 0], score: 20 },
    { values: [10, 9, 9, 10], score: 100 },
    { values: [0, 3, 6], score: -100 },
    { values: [7, 8], score: 0 },
    { values: [9, 6], score: 0 },
    // one promoter, two detractors, of three: (1 − 2) / 3
    { values: [9, 0, 1], score: -100 / 3 },
  ])('$values → $score', ({ values, score }) => {
    expect(npsOf(values.map(npsCategory)).score).toBeCloseTo(score, 10);
  });

  it('is null with nobody answering, not 0', () => expect(npsOf([]).score).toBeNull());

  it('leaves skipped NPS answers out of the denominator (Formbricks counts them against the score)', () => {
    const content = survey([
      { id: 'recommend', type: 'nps' },
      { id: 'comment', type: 'text' },
    ]);
    const responses: Answers[] = [
      { recommend: scale(10) },
      { recommend: scale(10) },
      { recommend: scale(0) },
      { comment: { kind: 'text', value: 'no score' } },
      {},
    ];
    const nps = summarize(content, responses).nps!;
    expect(nps).toEqual({ promoters: 2, passives: 0, detractors: 1, answered: 3, score: (100 * (2 - 1)) / 3 });
    expect(summarize(content, responses).questions.find((q) => q.question === 'recommend')).toMatchObject({ answered: 3, skipped: 2 });
  });
});

describe("a response's score: the mean of the items it answered", () => {
  const content = survey([
    { id: 'doctor', type: 'frequency', domain: 'communication_doctors', weight: 2 },
    { id: 'clean', type: 'rating', domain: 'cleanliness', notApplicable: true },
    { id: 'medicines', type: 'frequency', domain: 'communication_medicines', notApplicable: true },
    // asked only of those who waited: shown when the first answer was below Always
    { id: 'wait', type: 'rating', domain: 'waiting_time', showIf: { question: 'doctor', op: 'less_than', value: 4 } },
    { id: 'contact', type: 'yes_no', scored: false, domain: 'other' },
  ]);

  it.each<{ name: string; answers: Answers; score: number | null; answered: number }>([
    {
      name: 'every item answered',
      answers: { doctor: scale(3), clean: scale(5), medicines: scale(1), wait: scale(2) },
      score: (200 / 3 + 100 + 0 + 25) / 4,
      answered: 4,
    },
    // "does not apply" leaves numerator and denominator
    { name: '"does not apply" excluded', answers: { doctor: scale(3), clean: na, medicines: na, wait: scale(2) }, score: (200 / 3 + 25) / 2, answered: 2 },
    // a blank question is simply not in the mean
    { name: 'a blank question excluded', answers: { doctor: scale(3), wait: scale(4) }, score: (200 / 3 + 75) / 2, answered: 2 },
    // the patient answered "wait", then changed "doctor" to Always: "wait" was no longer shown and does not count
    { name: 'an answer branching hid excluded', answers: { doctor: scale(4), clean: scale(3), wait: scale(1) }, score: (100 + 50) / 2, answered: 2 },
    { name: 'nothing scored answered', answers: { contact: yes }, score: null, answered: 0 },
  ])('$name', ({ answers, score, answered }) => {
    const result = scoreResponse(content, answers);
    if (score === null) expect(result.score).toBeNull();
    else expect(result.score).toBeCloseTo(score, 10);
    expect(result.answeredCount).toBe(answered);
  });

  it('weights each item by its weight in the weighted score', () => {
    // doctor (weight 2) 66.7, clean (weight 1) 100: (2 × 66.7 + 100) / 3
    const result = scoreResponse(content, { doctor: scale(3), clean: scale(5) });
    expect(result.weightedScore).toBeCloseTo((2 * (200 / 3) + 100) / 3, 10);
    expect(result.score).toBeCloseTo((200 / 3 + 100) / 2, 10);
  });

  it('counts blank, "does not apply" and hidden questions apart', () => {
    // wait hidden (doctor = Always); clean N/A; medicines and contact blank
    expect(scoreResponse(content, { doctor: scale(4), clean: na })).toMatchObject({ answeredCount: 1, notApplicableCount: 1, skippedCount: 2 });
  });
});

describe('the negative rule', () => {
  const content = survey(
    [
      { id: 'overall', type: 'rating' },
      { id: 'recommend', type: 'nps' },
      { id: 'contact', type: 'yes_no', scored: false },
    ],
    [{ kind: 'score_below', threshold: 50 }, { kind: 'nps_detractor' }, { kind: 'bottom_box' }, { kind: 'answer_is', question: 'contact', value: true }],
  );
  const kinds = (answers: Answers) => scoreResponse(content, answers).negativeReasons.map((r) => r.kind);

  it.each<{ name: string; answers: Answers; reasons: string[] }>([
    { name: 'a happy patient', answers: { overall: scale(5), recommend: scale(10), contact: no }, reasons: [] },
    // (25 + 60) / 2 = 42.5 < 50, and 6 is a detractor
    { name: 'a low score and a detractor', answers: { overall: scale(2), recommend: scale(6) }, reasons: ['score_below', 'nps_detractor'] },
    { name: 'the bottom of a scale', answers: { overall: scale(1), recommend: scale(10) }, reasons: ['bottom_box'] },
    { name: '"please contact me" alone', answers: { overall: scale(5), contact: yes }, reasons: ['answer_is'] },
    // passive: not a detractor, and 70 is not below 50
    { name: 'a passive', answers: { recommend: scale(7) }, reasons: [] },
    { name: 'nothing answered', answers: {}, reasons: [] },
  ])('$name → $reasons', ({ answers, reasons }) => {
    expect(kinds(answers)).toEqual(reasons);
    expect(scoreResponse(content, answers).negative).toBe(reasons.length > 0);
  });
});

describe("a template's figures over its responses", () => {
  const content = survey([
    { id: 'nurses', type: 'frequency', domain: 'communication_nurses' },
    { id: 'doctors', type: 'frequency', domain: 'communication_doctors', notApplicable: true },
    { id: 'recommend', type: 'nps', domain: 'recommend' },
  ]);
  const responses: Answers[] = [
    { nurses: scale(4), doctors: scale(4), recommend: scale(10) },
    { nurses: scale(3), doctors: na, recommend: scale(8) },
    { nurses: scale(1), doctors: scale(2), recommend: scale(3) },
    {},
  ];
  const summary = summarize(content, responses);

  it('means the responses that scored anything, and counts all', () => {
    const scores = [(100 + 100 + 100) / 3, (200 / 3 + 80) / 2, (0 + 100 / 3 + 30) / 3];
    expect(summary.responses).toBe(4);
    expect(summary.scoredResponses).toBe(3);
    expect(summary.mean).toBeCloseTo(scores.reduce((a, b) => a + b) / 3, 10);
  });

  it('gives top-box % per question, per domain and overall (HCAHPS: the share answering "Always")', () => {
    const nurses = summary.questions.find((q) => q.question === 'nurses')!;
    expect(nurses).toMatchObject({ answered: 3, skipped: 1, notApplicable: 0 });
    expect(nurses.topBoxPercent).toBeCloseTo(100 / 3, 10);
    expect(nurses.mean).toBeCloseTo((4 + 3 + 1) / 3, 10);
    expect(nurses.linearMean).toBeCloseTo((100 + 200 / 3 + 0) / 3, 10);
    const doctors = summary.questions.find((q) => q.question === 'doctors')!;
    expect(doctors).toMatchObject({ answered: 2, notApplicable: 1, topBoxPercent: 50 });
    expect(summary.domains.find((d) => d.domain === 'communication_doctors')).toMatchObject({ answered: 2, topBoxPercent: 50 });
    // items: nurses 4,3,1; doctors 4,2; recommend 10,8,3 → top boxes 4,4,10: 3 of 8
    expect(summary.topBoxPercent).toBeCloseTo(300 / 8, 10);
  });

  it('has the NPS of its NPS question, and null figures with no responses', () => {
    expect(summary.nps).toEqual({ promoters: 1, passives: 1, detractors: 1, answered: 3, score: 0 });
    expect(summarize(content, [])).toMatchObject({ responses: 0, mean: null, weightedMean: null, topBoxPercent: null, nps: { answered: 0, score: null } });
  });
});

describe('the response rate: completed / (invited − undeliverable), as AHRQ defines it for CAHPS', () => {
  it.each([
    { invited: 100, undeliverable: 0, completed: 25, rate: 25 },
    // 20 wrong numbers leave 80 who could answer
    { invited: 100, undeliverable: 20, completed: 20, rate: 25 },
    { invited: 10, undeliverable: 10, completed: 0, rate: null },
    { invited: 0, undeliverable: 0, completed: 0, rate: null },
  ])('$completed of $invited, $undeliverable undeliverable → $rate', ({ rate, ...counts }) => {
    expect(responseRate(counts)).toBe(rate);
  });
});
