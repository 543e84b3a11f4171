import { contract } from '../../../../src-shared/contract/index.js';
import { fieldError, fieldErrorsFromZod, type FieldError } from '../../../../src-shared/errors.js';
import {
  contentProblems,
  type BilingualText,
  type NegativeCondition,
  type Question,
  type QuestionType,
  type SurveyContent,
} from '../../../../src-shared/surveys/template.js';

/**
 * A survey template as the builder edits it: the content's own shape, with
 * a stable key on each page and question so React keeps focus in the field
 * being typed in while questions move. Optional texts (introduction, help)
 * are kept as two blank strings while unused, and left out when saved.
 */
export interface DraftQuestion {
  key: string;
  question: Question;
}
export interface DraftPage {
  key: string;
  questions: DraftQuestion[];
}
export interface Draft {
  code: string;
  nameEn: string;
  nameAr: string;
  title: BilingualText;
  introduction: BilingualText;
  thankYou: BilingualText;
  pages: DraftPage[];
  negative: NegativeCondition[];
}

/** In the order the builder offers them: the scored scales first. */
export const QUESTION_TYPES = [
  'rating',
  'nps',
  'likert',
  'frequency',
  'yes_no',
  'single_choice',
  'multiple_choice',
  'text',
] as const satisfies readonly QuestionType[];

let lastKey = 0;
export const newKey = () => `k${(lastKey += 1)}`;

const blank = (): BilingualText => ({ ar: '', en: '' });
const isBlank = (text: BilingualText | undefined) => !text || (text.ar.trim() === '' && text.en.trim() === '');

export function blankDraft(): Draft {
  return {
    code: '',
    nameEn: '',
    nameAr: '',
    title: blank(),
    introduction: blank(),
    thankYou: blank(),
    pages: [{ key: newKey(), questions: [] }],
    negative: [],
  };
}

export function draftOf(template: { code: string; nameEn: string; nameAr: string; content: SurveyContent }): Draft {
  const { content } = template;
  return {
    code: template.code,
    nameEn: template.nameEn,
    nameAr: template.nameAr,
    title: content.title,
    introduction: content.introduction ?? blank(),
    thankYou: content.thankYou,
    pages: content.pages.map((page) => ({ key: newKey(), questions: page.questions.map((question) => ({ key: newKey(), question })) })),
    negative: content.negative,
  };
}

/** The content to save and to preview: the draft without its keys and its unused optional texts. */
export function contentOf(draft: Draft): SurveyContent {
  return {
    title: draft.title,
    ...(isBlank(draft.introduction) ? {} : { introduction: draft.introduction }),
    thankYou: draft.thankYou,
    // an unused help text is left out (undefined is not written to JSON, and the schema reads it as absent)
    pages: draft.pages.map((page) => ({
      questions: page.questions.map(({ question }) => (isBlank(question.help) ? { ...question, help: undefined } : question)),
    })),
    negative: draft.negative,
  };
}

/** JSON with keys sorted, so two contents compare equal whatever order their keys were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether saving would make a new version: the questions or texts differ from the current one. */
export function contentChanged(draft: Draft, current: SurveyContent | null): boolean {
  return current === null || stableJson(contentOf(draft)) !== stableJson(contentOf(draftOf({ code: '', nameEn: '', nameAr: '', content: current })));
}

/** The first free id of the form q1, q2, … */
export function freeQuestionId(draft: Pick<Draft, 'pages'>): string {
  const taken = new Set(draft.pages.flatMap((page) => page.questions.map(({ question }) => question.id)));
  let n = 1;
  while (taken.has(`q${n}`)) n += 1;
  return `q${n}`;
}

/** A blank question of a type; its id the first free one. */
export function newQuestion(type: QuestionType, id: string): Question {
  return withType({ id, type: 'text', text: blank(), required: false, domain: 'overall', maxLength: 1000 }, type);
}

/**
 * The question as another type: what every type has (id, texts, domain,
 * required, show-if) is kept, with what the new type needs besides.
 */
export function withType(question: Question, type: QuestionType): Question {
  const base = {
    id: question.id,
    text: question.text,
    ...(question.help ? { help: question.help } : {}),
    required: question.required,
    domain: question.domain,
    ...(question.showIf ? { showIf: question.showIf } : {}),
  };
  const notApplicable = 'notApplicable' in question ? question.notApplicable : false;
  const weight = 'weight' in question ? question.weight : 1;
  const choices =
    'choices' in question
      ? question.choices
      : [
          { id: 'c1', text: blank() },
          { id: 'c2', text: blank() },
        ];
  switch (type) {
    case 'rating':
      return { ...base, type, style: question.type === 'rating' ? question.style : 'stars', notApplicable, weight };
    case 'nps':
    case 'likert':
    case 'frequency':
      return { ...base, type, notApplicable, weight };
    case 'yes_no':
      return question.type === 'yes_no' ? question : { ...base, type, positive: 'yes', scored: true, notApplicable, weight };
    case 'single_choice':
    case 'multiple_choice':
      return { ...base, type, choices };
    case 'text':
      return { ...base, type, maxLength: question.type === 'text' ? question.maxLength : 1000 };
  }
}

/** The first free choice id of the form c1, c2, … */
export function freeChoiceId(choices: readonly { id: string }[]): string {
  const taken = new Set(choices.map((c) => c.id));
  let n = 1;
  while (taken.has(`c${n}`)) n += 1;
  return `c${n}`;
}

/** Where a question sits: its page and its place on it. */
export interface Place {
  page: number;
  index: number;
}

/**
 * One step up or down the whole survey: past the top of a page a question
 * goes to the end of the page before, past its bottom to the start of the
 * next. Answers where it landed, or null when it cannot move.
 */
export function moveQuestion(pages: readonly DraftPage[], from: Place, delta: -1 | 1): { pages: DraftPage[]; to: Place } | null {
  const page = pages[from.page];
  const moving = page?.questions[from.index];
  if (!page || !moving) return null;
  const next = pages.map((p) => ({ ...p, questions: [...p.questions] }));
  const target = from.index + delta;
  if (target >= 0 && target < page.questions.length) {
    const questions = next[from.page]!.questions;
    questions.splice(from.index, 1);
    questions.splice(target, 0, moving);
    return { pages: next, to: { page: from.page, index: target } };
  }
  const otherPage = next[from.page + delta];
  if (!otherPage) return null;
  next[from.page]!.questions.splice(from.index, 1);
  if (delta < 0) {
    otherPage.questions.push(moving);
    return { pages: next, to: { page: from.page - 1, index: otherPage.questions.length - 1 } };
  }
  otherPage.questions.unshift(moving);
  return { pages: next, to: { page: from.page + 1, index: 0 } };
}

/** A page removed: its questions join the page before it (the next one for the first page), so nothing typed is lost. */
export function removePage(pages: readonly DraftPage[], index: number): DraftPage[] {
  if (pages.length <= 1) return [...pages];
  const removed = pages[index];
  if (!removed) return [...pages];
  const into = index === 0 ? 1 : index - 1;
  return pages
    .map((page, i) =>
      i === into ? { ...page, questions: into < index ? [...page.questions, ...removed.questions] : [...removed.questions, ...page.questions] } : page,
    )
    .filter((_, i) => i !== index);
}

/** The questions asked before this one: the only ones a show-if may look at. */
export function questionsBefore(pages: readonly DraftPage[], place: Place): Question[] {
  const before: Question[] = [];
  pages.forEach((page, p) =>
    page.questions.forEach(({ question }, i) => {
      if (p < place.page || (p === place.page && i < place.index)) before.push(question);
    }),
  );
  return before;
}

/**
 * Everything the station would refuse, as field errors with paths as the
 * create call names them (`content.pages.0.questions.1.text.ar`): the
 * call's own schema (which runs contentProblems), and contentProblems again
 * for a draft whose shape is not complete yet. One message per field.
 */
export function draftProblems(draft: Draft): FieldError[] {
  const input = { code: draft.code.trim().toUpperCase(), nameEn: draft.nameEn, nameAr: draft.nameAr, content: contentOf(draft) };
  const parsed = contract['surveyTemplates.create'].input.safeParse(input, { reportInput: true });
  const found = parsed.success ? [] : fieldErrorsFromZod(parsed.error);
  for (const problem of contentProblems(input.content)) found.push(fieldError(['content', ...problem.path].join('.'), problem.key));
  const seen = new Set<string>();
  return found.filter((problem) => !seen.has(problem.path) && Boolean(seen.add(problem.path)));
}

/** What a problem's path names, for the list of problems beside the save button. */
export type ProblemPlace =
  | { kind: 'template'; field: string }
  | { kind: 'question'; page: number; index: number; field: string }
  | { kind: 'page'; page: number }
  | { kind: 'negative'; index: number };

export function placeOf(path: string): ProblemPlace {
  const parts = path.replace(/^content\./, '').split('.');
  const [first, second, third, fourth, ...rest] = parts;
  if (first === 'pages' && second !== undefined && third === 'questions' && fourth !== undefined && /^\d+$/.test(fourth)) {
    return { kind: 'question', page: Number(second), index: Number(fourth), field: rest.join('.') };
  }
  if (first === 'pages' && second !== undefined) return { kind: 'page', page: Number(second) };
  if (first === 'negative' && second !== undefined) return { kind: 'negative', index: Number(second) };
  return { kind: 'template', field: parts.join('.') };
}
