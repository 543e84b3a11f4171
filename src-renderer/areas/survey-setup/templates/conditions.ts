import { isScale, SCALES, type BilingualLabel, type Condition, type Question } from '../../../../src-shared/surveys/template.js';

/**
 * Show-if as the builder offers it: one comparison with an earlier answer,
 * or several joined by "all of" or "any of". Deeper nesting, which the
 * content allows, is kept as it is and shown as such (the builder does
 * not flatten what someone wrote another way).
 */
export type Comparison = Extract<Condition, { question: string }>;
export type Operator = Comparison['op'];
export type Join = 'all' | 'any';

export type ShowIfRows = { kind: 'none' } | { kind: 'rows'; join: Join; rows: Comparison[] } | { kind: 'nested' };

export function rowsOf(condition: Condition | undefined): ShowIfRows {
  if (!condition) return { kind: 'none' };
  if ('question' in condition) return { kind: 'rows', join: 'all', rows: [condition] };
  const [join, list] = 'all' in condition ? (['all', condition.all] as const) : (['any', condition.any] as const);
  const rows = list.filter((c): c is Comparison => 'question' in c);
  return rows.length === list.length ? { kind: 'rows', join, rows } : { kind: 'nested' };
}

export function conditionOf(join: Join, rows: readonly Comparison[]): Condition | undefined {
  if (rows.length === 0) return undefined;
  if (rows.length === 1) return rows[0];
  return join === 'all' ? { all: [...rows] } : { any: [...rows] };
}

/** The comparisons a question's answer can take part in. */
export function operatorsFor(question: Question | undefined): Operator[] {
  if (!question) return ['answered', 'skipped'];
  if (isScale(question)) return ['less_than', 'greater_than', 'equals', 'one_of', 'answered', 'skipped'];
  if (question.type === 'yes_no') return ['equals', 'answered', 'skipped'];
  if (question.type === 'single_choice' || question.type === 'multiple_choice') return ['equals', 'one_of', 'answered', 'skipped'];
  return ['answered', 'skipped'];
}

/** An answer a question can have, for a value picker: its value, and its label in both languages. */
export interface AnswerOption {
  value: number | string | boolean;
  /** the picker's value: Select and MultiSelect work with strings */
  key: string;
  label: BilingualLabel;
}

const YES: BilingualLabel = { en: 'Yes', ar: 'نعم' };
const NO: BilingualLabel = { en: 'No', ar: 'لا' };

export function answerOptions(question: Question | undefined): AnswerOption[] {
  if (!question) return [];
  if (isScale(question)) {
    const scale = SCALES[question.type];
    const options: AnswerOption[] = [];
    for (let value = scale.min; value <= scale.max; value += 1) {
      const named = scale.labels[value - scale.min];
      options.push({
        value,
        key: String(value),
        label: named ? { en: `${value} — ${named.en}`, ar: `${value} — ${named.ar}` } : { en: String(value), ar: String(value) },
      });
    }
    return options;
  }
  if (question.type === 'yes_no')
    return [
      { value: true, key: 'yes', label: YES },
      { value: false, key: 'no', label: NO },
    ];
  if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    return question.choices.map((choice) => ({
      value: choice.id,
      key: choice.id,
      label: { en: choice.text.en || choice.id, ar: choice.text.ar || choice.id },
    }));
  }
  return [];
}

export const keyOfValue = (value: number | string | boolean) => (typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));

/** A new comparison about `question`: the operator wanted (or the first it allows) and its first sensible value. */
export function comparisonFor(question: Question | undefined, id: string, wanted?: Operator): Comparison {
  const operators = operatorsFor(question);
  const op = wanted && operators.includes(wanted) ? wanted : operators[0]!;
  const [first] = answerOptions(question);
  switch (op) {
    case 'answered':
    case 'skipped':
      return { question: id, op };
    case 'less_than':
    case 'greater_than': {
      // "less than the middle" is what a PX office asks first: a low rating
      const scale = question && isScale(question) ? SCALES[question.type] : { min: 0, max: 0 };
      return { question: id, op, value: Math.ceil((scale.min + scale.max) / 2) };
    }
    case 'equals':
      return { question: id, op, value: first?.value ?? '' };
    case 'one_of':
      return { question: id, op, values: first && typeof first.value !== 'boolean' ? [first.value] : [] };
  }
}
