import { z } from 'zod';
import { unsafeTextReason } from '../identity.js';
import type { MessageKey } from '../messages.js';
import { type Condition, isScale, type Question, questionsOf, SCALES, type SurveyContent } from './template.js';

/**
 * A patient's answer to one question, as stored on the response. "Does not
 * apply" is an answer of its own: excluded from every score, and not the
 * same as a question left blank or one branching never showed.
 */
export const answerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scale'), value: z.number().int() }),
  z.strictObject({ kind: z.literal('yes_no'), value: z.boolean() }),
  z.strictObject({ kind: z.literal('choice'), value: z.string().max(40) }),
  z.strictObject({ kind: z.literal('choices'), value: z.array(z.string().max(40)).max(20) }),
  z.strictObject({ kind: z.literal('text'), value: z.string().max(2000) }),
  z.strictObject({ kind: z.literal('not_applicable') }),
]);
export type Answer = z.infer<typeof answerSchema>;
/** A response's answers by question id; a question without one was skipped or not shown. */
export type Answers = Readonly<Record<string, Answer>>;

/** Why `answer` cannot be an answer to `question` (a field message key), or null when it can. */
export function answerProblem(question: Question, answer: Answer): MessageKey | null {
  if (answer.kind === 'not_applicable') return 'notApplicable' in question && question.notApplicable ? null : 'field.survey_not_applicable';
  if (isScale(question)) {
    if (answer.kind !== 'scale') return 'field.invalid_type';
    const { min, max } = SCALES[question.type];
    return answer.value >= min && answer.value <= max ? null : 'field.invalid_choice';
  }
  switch (question.type) {
    case 'yes_no':
      return answer.kind === 'yes_no' ? null : 'field.invalid_type';
    case 'single_choice':
      if (answer.kind !== 'choice') return 'field.invalid_type';
      return question.choices.some((c) => c.id === answer.value) ? null : 'field.invalid_choice';
    case 'multiple_choice': {
      if (answer.kind !== 'choices') return 'field.invalid_type';
      const known = new Set(question.choices.map((c) => c.id));
      if (answer.value.length === 0) return 'field.required';
      return new Set(answer.value).size === answer.value.length && answer.value.every((id) => known.has(id)) ? null : 'field.invalid_choice';
    }
    case 'text': {
      if (answer.kind !== 'text') return 'field.invalid_type';
      if (answer.value.trim() === '') return 'field.required';
      if ([...answer.value].length > question.maxLength) return 'field.too_long';
      return unsafeTextReason(answer.value.replace(/[\r\n\t]/g, ' ')) === null ? null : 'field.bad_characters';
    }
  }
  return 'field.invalid_type';
}

/** The answer's value for comparisons: a number, yes/no, or a choice; null for none, "does not apply", several choices or text. */
function comparable(answer: Answer | undefined): number | string | boolean | null {
  if (!answer) return null;
  switch (answer.kind) {
    case 'scale':
    case 'yes_no':
    case 'choice':
      return answer.value;
    default:
      return null;
  }
}

/**
 * Does the condition hold for these answers? A question that was not shown
 * counts as skipped, whatever answer it may still hold (the patient went
 * back and changed an earlier one); "does not apply" is an answer, but not
 * equal to, less or greater than anything.
 */
export function conditionHolds(condition: Condition, answers: Answers, shown: ReadonlySet<string>): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers, shown));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers, shown));
  const answer = shown.has(condition.question) ? answers[condition.question] : undefined;
  switch (condition.op) {
    case 'answered':
      return answer !== undefined;
    case 'skipped':
      return answer === undefined;
    case 'equals':
      return comparable(answer) === condition.value || (answer?.kind === 'choices' && answer.value.includes(String(condition.value)));
    case 'one_of': {
      const value = comparable(answer);
      if (answer?.kind === 'choices') return answer.value.some((id) => condition.values.includes(id));
      return value !== null && typeof value !== 'boolean' && condition.values.includes(value);
    }
    case 'less_than':
    case 'greater_than': {
      const value = comparable(answer);
      if (typeof value !== 'number') return false;
      return condition.op === 'less_than' ? value < condition.value : value > condition.value;
    }
  }
}

/**
 * The questions the patient is shown, given the answers so far: each
 * question's show-if is read against the earlier questions that were
 * themselves shown (a template's conditions only look back, template.ts).
 */
export function shownQuestions(content: Pick<SurveyContent, 'pages'>, answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const question of questionsOf(content)) if (!question.showIf || conditionHolds(question.showIf, answers, shown)) shown.add(question.id);
  return shown;
}

/** The required questions shown on a page that have no answer: the form asks for them before moving on. */
export function missingRequired(content: Pick<SurveyContent, 'pages'>, page: number, answers: Answers): string[] {
  const shown = shownQuestions(content, answers);
  return (content.pages[page]?.questions ?? []).filter((q) => q.required && shown.has(q.id) && answers[q.id] === undefined).map((q) => q.id);
}
