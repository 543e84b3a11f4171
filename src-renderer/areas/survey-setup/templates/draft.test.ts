import { describe, expect, it } from 'vitest';
import { surveyContentSchema, type Question } from '../../../../src-shared/surveys/template.js';
import { comparisonFor, conditionOf, operatorsFor, rowsOf } from './conditions.js';
import {
  blankDraft,
  contentChanged,
  contentOf,
  draftOf,
  draftProblems,
  freeQuestionId,
  moveQuestion,
  newQuestion,
  placeOf,
  removePage,
  withType,
  type Draft,
  type DraftPage,
} from './draft.js';

const text = (en: string, ar: string) => ({ en, ar });

function question(id: string, type: Question['type'] = 'rating'): Question {
  return { ...newQuestion(type, id), text: text(`Question ${id}?`, `السؤال ${id}؟`) };
}

function draftWith(pages: Question[][]): Draft {
  return {
    ...blankDraft(),
    code: 'OPD-TEST',
    nameEn: 'Test',
    nameAr: 'اختبار',
    title: text('Your visit', 'زيارتك'),
    thankYou: text('Thank you.', 'شكراً لك.'),
    pages: pages.map((questions, p) => ({ key: `p${p}`, questions: questions.map((q) => ({ key: q.id, question: q })) })),
  };
}

const ids = (pages: readonly DraftPage[]) => pages.map((page) => page.questions.map((q) => q.question.id));

describe('moveQuestion', () => {
  const pages = draftWith([[question('a'), question('b')], [question('c')]]).pages;
  it.each([
    [{ page: 0, index: 1 }, -1, [['b', 'a'], ['c']], { page: 0, index: 0 }],
    [{ page: 0, index: 0 }, 1, [['b', 'a'], ['c']], { page: 0, index: 1 }],
    // past the bottom of a page: the top of the next one
    [{ page: 0, index: 1 }, 1, [['a'], ['b', 'c']], { page: 1, index: 0 }],
    // past the top of a page: the end of the one before
    [{ page: 1, index: 0 }, -1, [['a', 'b', 'c'], []], { page: 0, index: 2 }],
  ] as const)('moves %o by %i', (from, delta, expected, to) => {
    const moved = moveQuestion(pages, from, delta);
    expect(moved && ids(moved.pages)).toEqual(expected);
    expect(moved?.to).toEqual(to);
  });

  it.each([
    [{ page: 0, index: 0 }, -1],
    [{ page: 1, index: 0 }, 1],
    [{ page: 4, index: 0 }, 1],
  ] as const)('cannot move %o by %i', (from, delta) => {
    expect(moveQuestion(pages, from, delta)).toBeNull();
  });

  it('leaves the pages it was given alone', () => {
    moveQuestion(pages, { page: 0, index: 1 }, 1);
    expect(ids(pages)).toEqual([['a', 'b'], ['c']]);
  });
});

describe('removePage', () => {
  const pages = draftWith([[question('a')], [question('b')], [question('c')]]).pages;
  it('gives a removed page’s questions to the page before it', () => {
    expect(ids(removePage(pages, 1))).toEqual([['a', 'b'], ['c']]);
  });
  it('gives the first page’s questions to the next one', () => {
    expect(ids(removePage(pages, 0))).toEqual([['a', 'b'], ['c']]);
  });
  it('keeps the last page', () => {
    expect(ids(removePage(pages.slice(0, 1), 0))).toEqual([['a']]);
  });
});

describe('withType', () => {
  it('keeps what every question has and adds what the new type needs', () => {
    const rating = { ...question('overall'), required: true, domain: 'overall' as const, notApplicable: true };
    const yesNo = withType(rating, 'yes_no');
    expect(yesNo).toMatchObject({ id: 'overall', type: 'yes_no', required: true, notApplicable: true, positive: 'yes', scored: true });
    const choice = withType(yesNo, 'single_choice');
    expect(choice.type === 'single_choice' && choice.choices.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect('notApplicable' in choice).toBe(false);
    // every type it can become reads as the station would read it (texts filled in)
    for (const type of ['rating', 'nps', 'likert', 'frequency', 'yes_no', 'text'] as const) {
      const content = contentOf(draftWith([[withType(rating, type)]]));
      expect(surveyContentSchema.safeParse(content).success).toBe(true);
    }
  });
});

describe('freeQuestionId', () => {
  it('takes the first qN not used', () => {
    expect(freeQuestionId(draftWith([[question('q1'), question('q3')]]))).toBe('q2');
  });
});

describe('contentOf and contentChanged', () => {
  it('leaves out an unused introduction and help text', () => {
    const content = contentOf(draftWith([[{ ...question('a'), help: text('', '') }]]));
    expect(content.introduction).toBeUndefined();
    expect(JSON.parse(JSON.stringify(content)).pages[0].questions[0]).not.toHaveProperty('help');
  });

  it('sees no change in a template loaded and left alone, and a change once a text is edited', () => {
    const saved = surveyContentSchema.parse(contentOf(draftWith([[question('a'), question('b', 'yes_no')]])));
    const draft = draftOf({ code: 'X', nameEn: 'x', nameAr: 'x', content: saved });
    expect(contentChanged(draft, saved)).toBe(false);
    const edited = { ...draft, thankYou: text('Thanks!', 'شكراً!') };
    expect(contentChanged(edited, saved)).toBe(true);
  });
});

describe('draftProblems', () => {
  it('finds nothing wrong with a complete template', () => {
    expect(draftProblems(draftWith([[question('a')]]))).toEqual([]);
  });

  it('names each field at fault once, with the path of the create call', () => {
    const later = { ...question('a'), showIf: { question: 'b', op: 'answered' as const } };
    const draft = { ...draftWith([[later, question('b')]]), code: 'x', title: text('Your visit', '') };
    const found = draftProblems(draft).map((p) => [p.path, p.key]);
    expect(found).toEqual(
      expect.arrayContaining([
        ['content.title.ar', 'field.required'],
        ['content.pages.0.questions.0.showIf', 'field.survey_condition_order'],
      ]),
    );
    expect(new Set(found.map(([path]) => path)).size).toBe(found.length);
  });

  it('refuses a comparison the earlier question cannot make', () => {
    const draft = draftWith([[question('a', 'text'), { ...question('b'), showIf: { question: 'a', op: 'less_than', value: 3 } }]]);
    expect(draftProblems(draft).map((p) => p.key)).toContain('field.survey_condition_op');
  });
});

describe('placeOf', () => {
  it.each([
    ['content.pages.1.questions.2.text.ar', { kind: 'question', page: 1, index: 2, field: 'text.ar' }],
    ['content.pages.0.questions', { kind: 'page', page: 0 }],
    ['content.negative.3', { kind: 'negative', index: 3 }],
    ['content.title.en', { kind: 'template', field: 'title.en' }],
    ['code', { kind: 'template', field: 'code' }],
  ])('%s', (path, place) => {
    expect(placeOf(path)).toEqual(place);
  });
});

describe('show-if rows', () => {
  const rating = question('overall');
  it('starts a comparison on a rating at "less than" the middle of the scale', () => {
    expect(comparisonFor(rating, 'overall')).toEqual({ question: 'overall', op: 'less_than', value: 3 });
  });
  it('offers only what a question’s answer can be compared with', () => {
    expect(operatorsFor(question('t', 'text'))).toEqual(['answered', 'skipped']);
    expect(operatorsFor(question('y', 'yes_no'))).toEqual(['equals', 'answered', 'skipped']);
  });
  it('reads one comparison, "all of" and "any of" as rows, and writes them back the same', () => {
    const one = comparisonFor(rating, 'overall');
    const two = { question: 'overall', op: 'answered' as const };
    expect(rowsOf(one)).toEqual({ kind: 'rows', join: 'all', rows: [one] });
    expect(conditionOf('all', [one])).toEqual(one);
    expect(conditionOf('any', [one, two])).toEqual({ any: [one, two] });
    expect(rowsOf({ any: [one, two] })).toEqual({ kind: 'rows', join: 'any', rows: [one, two] });
    expect(conditionOf('all', [])).toBeUndefined();
  });
  it('keeps a nested condition as it is', () => {
    expect(rowsOf({ all: [{ any: [{ question: 'a', op: 'answered' }] }] })).toEqual({ kind: 'nested' });
  });
});
