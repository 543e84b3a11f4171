import type { Answer, Answers } from '../../../../src-shared/surveys/answers.js';
import { scoreResponse } from '../../../../src-shared/surveys/scoring.js';
import {
  isScale,
  questionsOf,
  SCALES,
  type BilingualLabel,
  type NegativeCondition,
  type Question,
  type SurveyContent,
} from '../../../../src-shared/surveys/template.js';

/**
 * A response as the PX office reads it: each question of the version the
 * patient answered, in order, with the answer's label on the question's own
 * scale (SCALES' labels, the template's choice texts), the item's 0–100
 * score, and why the response is negative. Scores come from the one scoring
 * definition (src-shared/surveys/scoring.ts), never worked out here.
 */

export type AnswerView =
  /** a point on a scale: its number, and the scale's label for it (null between the ends of 0–10) */
  | { kind: 'scale'; value: number; min: number; max: number; label: BilingualLabel | null }
  | { kind: 'yes_no'; value: boolean }
  /** one choice or several, as the template names them */
  | { kind: 'choices'; labels: BilingualLabel[] }
  | { kind: 'text'; text: string }
  | { kind: 'not_applicable' }
  /** shown and left blank */
  | { kind: 'blank' }
  /** branching did not show it (an earlier answer made it irrelevant) */
  | { kind: 'hidden' };

export interface AnswerRow {
  question: Question;
  view: AnswerView;
  /** the item's 0–100 score; null when it is not scored or not answered */
  linear: number | null;
}

export function answerView(question: Question, answer: Answer | undefined, shown: boolean): AnswerView {
  if (!shown) return { kind: 'hidden' };
  if (!answer) return { kind: 'blank' };
  switch (answer.kind) {
    case 'not_applicable':
      return { kind: 'not_applicable' };
    case 'scale': {
      if (!isScale(question)) return { kind: 'text', text: String(answer.value) };
      const scale = SCALES[question.type];
      return { kind: 'scale', value: answer.value, min: scale.min, max: scale.max, label: scale.labels[answer.value - scale.min] ?? null };
    }
    case 'yes_no':
      return { kind: 'yes_no', value: answer.value };
    case 'choice':
    case 'choices': {
      const ids = answer.kind === 'choice' ? [answer.value] : answer.value;
      const choices = 'choices' in question ? question.choices : [];
      // a choice the version no longer names (it cannot happen to a stored answer, but text beats a blank)
      return { kind: 'choices', labels: ids.map((id) => choices.find((c) => c.id === id)?.text ?? { ar: id, en: id }) };
    }
    case 'text':
      return { kind: 'text', text: answer.value };
  }
}

export interface ResponseView {
  rows: AnswerRow[];
  /** the free-text answers: what the patient wrote in their own words */
  comments: { question: Question; text: string }[];
  negativeReasons: readonly NegativeCondition[];
}

export function responseView(content: Pick<SurveyContent, 'pages' | 'negative'>, answers: Answers): ResponseView {
  const scored = scoreResponse(content, answers);
  const linear = new Map(scored.items.map((item) => [item.question, item.linear]));
  const rows = questionsOf(content).map((question) => ({
    question,
    view: answerView(question, answers[question.id], scored.shown.has(question.id)),
    linear: linear.get(question.id) ?? null,
  }));
  const comments = rows.flatMap((row) => (row.view.kind === 'text' && row.question.type === 'text' ? [{ question: row.question, text: row.view.text }] : []));
  return { rows, comments, negativeReasons: scored.negativeReasons };
}
