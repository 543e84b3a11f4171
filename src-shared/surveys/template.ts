import { z } from 'zod';
import { unsafeTextReason } from '../identity.js';
import type { MessageKey } from '../messages.js';

/**
 * A survey template's content: bilingual texts, questions on pages, show-if
 * branching, and the rule that marks a response negative. One definition
 * for the station (which sends and scores), the hub (which serves the public
 * form) and the console (which builds and previews templates). Stored as
 * JSON on a template version; a version that has been sent is never edited.
 *
 * Scales are fixed per question type (SCALES), so a 5 is the best answer
 * everywhere and no template can make a scale run the wrong way.
 */

/** A question's id: referred to by show-if conditions, the negative rule, answers and exports. */
export const QUESTION_ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Text a patient reads: NFC, trimmed, line breaks kept (an introduction may
 * have paragraphs), refused when it holds control or bidi-override
 * characters or nothing visible (as names are, identity.ts).
 */
export function surveyText(max: number) {
  return z
    .string()
    .transform((value) => value.normalize('NFC').replaceAll('\r\n', '\n').trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'field.required' })
        .max(max, { error: 'field.too_long' })
        .superRefine((value, ctx) => {
          const reason = unsafeTextReason(value.replaceAll('\n', ' '));
          if (reason) ctx.addIssue({ code: 'custom', message: `field.${reason}` });
        }),
    );
}

/** The same text in both languages: a template is sent in the patient's. */
export function bilingualText(max: number) {
  return z.object({ ar: surveyText(max), en: surveyText(max) });
}
export type BilingualText = z.infer<ReturnType<typeof bilingualText>>;

/**
 * What a question is about, for analytics to group by (HCAHPS-style
 * domains, and the ones a PX office asks about besides).
 */
export const SURVEY_DOMAINS = [
  'overall',
  'recommend',
  'communication_doctors',
  'communication_nurses',
  'responsiveness',
  'communication_medicines',
  'discharge_information',
  'care_transition',
  'cleanliness',
  'quietness',
  'waiting_time',
  'access',
  'staff_courtesy',
  'pain_management',
  'facilities',
  'billing',
  'complaint_handling',
  'other',
] as const;
export type SurveyDomain = (typeof SURVEY_DOMAINS)[number];

/** The scored scales: their values run from the worst answer (min) to the best (max). */
export const SCALE_TYPES = ['rating', 'nps', 'likert', 'frequency'] as const;
export type ScaleType = (typeof SCALE_TYPES)[number];

export interface Scale {
  readonly min: number;
  readonly max: number;
  /** the answers that count as the top box (the most positive answer; for NPS and 0–10 ratings, 9 and 10) */
  readonly topBoxFrom: number;
  /** each point's label, worst first; null for the points of a 0–10 scale between its ends */
  readonly labels: readonly (BilingualLabel | null)[];
}
export interface BilingualLabel {
  readonly ar: string;
  readonly en: string;
}

const nps: (BilingualLabel | null)[] = Array.from({ length: 11 }, () => null);
nps[0] = { en: 'Not at all likely', ar: 'غير محتمل إطلاقاً' };
nps[10] = { en: 'Extremely likely', ar: 'محتمل جداً' };

export const SCALES: Readonly<Record<ScaleType, Scale>> = {
  // Press Ganey's five points, Very poor … Very good
  rating: {
    min: 1,
    max: 5,
    topBoxFrom: 5,
    labels: [
      { en: 'Very poor', ar: 'سيئ جداً' },
      { en: 'Poor', ar: 'سيئ' },
      { en: 'Fair', ar: 'مقبول' },
      { en: 'Good', ar: 'جيد' },
      { en: 'Very good', ar: 'جيد جداً' },
    ],
  },
  // 0–10 likelihood to recommend; the top box (9–10) is the promoters
  nps: { min: 0, max: 10, topBoxFrom: 9, labels: nps },
  likert: {
    min: 1,
    max: 5,
    topBoxFrom: 5,
    labels: [
      { en: 'Strongly disagree', ar: 'غير موافق بشدة' },
      { en: 'Disagree', ar: 'غير موافق' },
      { en: 'Neither agree nor disagree', ar: 'محايد' },
      { en: 'Agree', ar: 'موافق' },
      { en: 'Strongly agree', ar: 'موافق بشدة' },
    ],
  },
  // HCAHPS frequency: Never … Always, "Always" the top box
  frequency: {
    min: 1,
    max: 4,
    topBoxFrom: 4,
    labels: [
      { en: 'Never', ar: 'أبداً' },
      { en: 'Sometimes', ar: 'أحياناً' },
      { en: 'Usually', ar: 'غالباً' },
      { en: 'Always', ar: 'دائماً' },
    ],
  },
};

/** Shown-if: a comparison with an earlier answer, or all/any of several. */
export type Condition =
  | { readonly question: string; readonly op: 'answered' | 'skipped' }
  | { readonly question: string; readonly op: 'equals'; readonly value: number | string | boolean }
  | { readonly question: string; readonly op: 'one_of'; readonly values: readonly (number | string)[] }
  | { readonly question: string; readonly op: 'less_than' | 'greater_than'; readonly value: number }
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] };

const questionRef = z.string().regex(QUESTION_ID_PATTERN, { error: 'field.invalid' });
const MAX_CONDITIONS = 20;

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ question: questionRef, op: z.enum(['answered', 'skipped']) }),
    z.strictObject({ question: questionRef, op: z.literal('equals'), value: z.union([z.number(), z.string().max(40), z.boolean()]) }),
    z.strictObject({
      question: questionRef,
      op: z.literal('one_of'),
      values: z
        .array(z.union([z.number(), z.string().max(40)]))
        .min(1)
        .max(20),
    }),
    z.strictObject({ question: questionRef, op: z.enum(['less_than', 'greater_than']), value: z.number() }),
    z.strictObject({ all: z.array(conditionSchema).min(1).max(MAX_CONDITIONS) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(MAX_CONDITIONS) }),
  ]),
);

const questionBase = {
  id: questionRef,
  text: bilingualText(300),
  help: bilingualText(300).optional(),
  required: z.boolean().default(false),
  domain: z.enum(SURVEY_DOMAINS),
  showIf: conditionSchema.optional(),
};

/** A scored question offers "does not apply" when it may not concern everyone (an answer excluded from every score). */
const notApplicable = z.boolean().default(false);
/** How much a scored question counts in the weighted mean (1 unless the template says otherwise). */
const weight = z.number().positive().max(10).default(1);

const choice = z.strictObject({ id: questionRef, text: bilingualText(120) });
const choices = z.array(choice).min(2).max(20);

export const questionSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...questionBase, type: z.literal('rating'), style: z.enum(['stars', 'faces', 'numbers']).default('stars'), notApplicable, weight }),
  z.strictObject({ ...questionBase, type: z.literal('nps'), notApplicable, weight }),
  z.strictObject({ ...questionBase, type: z.literal('likert'), notApplicable, weight }),
  z.strictObject({ ...questionBase, type: z.literal('frequency'), notApplicable, weight }),
  // scored unless it asks something that is not about the care (for instance "may we call you?")
  z.strictObject({
    ...questionBase,
    type: z.literal('yes_no'),
    positive: z.enum(['yes', 'no']).default('yes'),
    scored: z.boolean().default(true),
    notApplicable,
    weight,
  }),
  z.strictObject({ ...questionBase, type: z.literal('single_choice'), choices }),
  z.strictObject({ ...questionBase, type: z.literal('multiple_choice'), choices }),
  z.strictObject({ ...questionBase, type: z.literal('text'), maxLength: z.number().int().min(10).max(2000).default(1000) }),
]);
export type Question = z.output<typeof questionSchema>;
export type QuestionType = Question['type'];

/** What marks a response negative: any one of these (the PX office follows it up the same day). */
export const negativeConditionSchema = z.discriminatedUnion('kind', [
  // the response's score (0–100, the mean of its answered items) below this
  z.strictObject({ kind: z.literal('score_below'), threshold: z.number().min(0).max(100) }),
  // any NPS question answered 0–6
  z.strictObject({ kind: z.literal('nps_detractor') }),
  // any scored answer at the bottom of its scale (the least positive yes/no answer included)
  z.strictObject({ kind: z.literal('bottom_box') }),
  // a given answer, such as "yes" to "may we contact you about your visit?"
  z.strictObject({ kind: z.literal('answer_is'), question: questionRef, value: z.union([z.number(), z.string().max(40), z.boolean()]) }),
]);
export type NegativeCondition = z.output<typeof negativeConditionSchema>;

export const surveyContentSchema = z
  .strictObject({
    title: bilingualText(120),
    introduction: bilingualText(1000).optional(),
    thankYou: bilingualText(1000),
    pages: z
      .array(z.strictObject({ questions: z.array(questionSchema).min(1).max(40) }))
      .min(1)
      .max(20),
    negative: z.array(negativeConditionSchema).max(10).default([]),
  })
  .superRefine((content, ctx) => {
    for (const issue of contentProblems(content)) ctx.addIssue({ code: 'custom', message: issue.key, path: issue.path });
  });
export type SurveyContent = z.output<typeof surveyContentSchema>;

/** Every question of a template, in the order it is asked. */
export function questionsOf(content: Pick<SurveyContent, 'pages'>): Question[] {
  return content.pages.flatMap((page) => page.questions);
}

export function isScale(question: Question): question is Extract<Question, { type: ScaleType }> {
  return (SCALE_TYPES as readonly string[]).includes(question.type);
}

/** Does the question count in scores (every scale; a yes/no unless it says it does not)? */
export function isScored(question: Question): boolean {
  return isScale(question) || (question.type === 'yes_no' && question.scored);
}

interface ContentProblem {
  readonly key: MessageKey;
  readonly path: (string | number)[];
}

/**
 * What is wrong with a template beyond the shape of its parts: ids used
 * twice, a show-if that looks at a later question (or itself), a comparison
 * a question cannot make, a negative rule about a question that is not there.
 */
export function contentProblems(content: Pick<SurveyContent, 'pages' | 'negative'>): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const earlier = new Map<string, Question>();
  content.pages.forEach((page, p) =>
    page.questions.forEach((question, q) => {
      const at = ['pages', p, 'questions', q];
      if (earlier.has(question.id)) problems.push({ key: 'field.survey_duplicate_question', path: [...at, 'id'] });
      if ('choices' in question && new Set(question.choices.map((c) => c.id)).size !== question.choices.length)
        problems.push({ key: 'field.survey_duplicate_choice', path: [...at, 'choices'] });
      if (question.showIf) for (const key of conditionProblems(question.showIf, earlier)) problems.push({ key, path: [...at, 'showIf'] });
      earlier.set(question.id, question);
    }),
  );
  content.negative.forEach((rule, n) => {
    if (rule.kind !== 'answer_is') return;
    const question = earlier.get(rule.question);
    const key = !question ? 'field.survey_unknown_question' : valueProblem(question, 'equals', rule.value);
    if (key) problems.push({ key, path: ['negative', n] });
  });
  return problems;
}

function conditionProblems(condition: Condition, earlier: ReadonlyMap<string, Question>): MessageKey[] {
  if ('all' in condition) return condition.all.flatMap((c) => conditionProblems(c, earlier));
  if ('any' in condition) return condition.any.flatMap((c) => conditionProblems(c, earlier));
  const question = earlier.get(condition.question);
  // only what was asked before: a condition on a later question (or itself) would make the form go round in circles
  if (!question) return ['field.survey_condition_order'];
  let problem: MessageKey | null;
  switch (condition.op) {
    case 'answered':
    case 'skipped':
      return [];
    case 'one_of':
      problem = condition.values.map((value) => valueProblem(question, 'one_of', value)).find((key) => key !== null) ?? null;
      break;
    default:
      problem = valueProblem(question, condition.op, condition.value);
  }
  return problem ? [problem] : [];
}

/** Whether `value` is an answer `question` can have, compared with `op`; null when it can. */
function valueProblem(question: Question, op: 'equals' | 'one_of' | 'less_than' | 'greater_than', value: number | string | boolean): MessageKey | null {
  if (isScale(question)) {
    const { min, max } = SCALES[question.type];
    if (typeof value !== 'number') return 'field.survey_condition_value';
    // less/greater than may name a bound (less than the best, greater than the worst); equality needs a point on the scale
    if (op === 'equals' || op === 'one_of') return Number.isInteger(value) && value >= min && value <= max ? null : 'field.survey_condition_value';
    return value >= min && value <= max ? null : 'field.survey_condition_value';
  }
  if (op === 'less_than' || op === 'greater_than') return 'field.survey_condition_op';
  if (question.type === 'yes_no') return typeof value === 'boolean' && op === 'equals' ? null : 'field.survey_condition_value';
  if (question.type === 'single_choice' || question.type === 'multiple_choice')
    return typeof value === 'string' && question.choices.some((c) => c.id === value) ? null : 'field.survey_condition_value';
  // free text is read by people, not compared
  return 'field.survey_condition_op';
}

/** Reading speed assumed for the estimate: slow, as a patient reads on a phone, in Arabic too. */
const WORDS_PER_SECOND = 150 / 60;
/** One tap on a phone, with the glance at the scale before it. */
const SECONDS_PER_TAP = 3;
/** Typing a few words, for a free-text question that must be answered (optional ones are mostly left blank). */
const SECONDS_PER_REQUIRED_TEXT = 30;

/**
 * About how long a patient takes to answer every question shown without
 * branching, in seconds, reading the texts in `language`: the figure the
 * template builder shows, and what keeps an outpatient survey under a minute.
 */
export function estimatedSeconds(content: Pick<SurveyContent, 'pages' | 'introduction'>, language: 'ar' | 'en'): number {
  const words = (text: BilingualText | undefined) => (text ? text[language].split(/\s+/).filter(Boolean).length : 0);
  let seconds = words(content.introduction) / WORDS_PER_SECOND;
  for (const question of questionsOf(content)) {
    if (question.showIf) continue;
    seconds += words(question.text) / WORDS_PER_SECOND;
    if (question.type === 'text') seconds += question.required ? SECONDS_PER_REQUIRED_TEXT : 0;
    else if ('choices' in question) seconds += question.choices.reduce((sum, c) => sum + words(c.text), 0) / WORDS_PER_SECOND + SECONDS_PER_TAP;
    else seconds += SECONDS_PER_TAP;
  }
  // a page turn waits for the next page on a weak network
  return seconds + (content.pages.length - 1) * SECONDS_PER_TAP;
}
