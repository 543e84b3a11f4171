import { describe, expect, it } from 'vitest';
import { surveyContentSchema } from '../../../../src-shared/surveys/template.js';
import { responseView } from './answerRows.js';

const text = (en: string) => ({ en, ar: `${en} (ar)` });
const content = surveyContentSchema.parse({
  title: text('Visit'),
  thankYou: text('Thanks'),
  negative: [{ kind: 'bottom_box' }, { kind: 'nps_detractor' }],
  pages: [
    {
      questions: [
        { id: 'overall', type: 'rating', domain: 'overall', text: text('Overall?') },
        { id: 'recommend', type: 'nps', domain: 'recommend', text: text('Recommend?') },
        { id: 'nurse', type: 'frequency', domain: 'communication_nurses', text: text('Nurses?'), notApplicable: true },
        {
          id: 'why',
          type: 'single_choice',
          domain: 'other',
          text: text('Why?'),
          choices: [
            { id: 'wait', text: text('Waiting') },
            { id: 'staff', text: text('Staff') },
          ],
        },
        { id: 'call', type: 'yes_no', domain: 'other', scored: false, text: text('Call you?'), showIf: { question: 'overall', op: 'less_than', value: 3 } },
        { id: 'words', type: 'text', domain: 'other', text: text('Anything else?') },
      ],
    },
  ],
});

describe('a response as the PX office reads it', () => {
  it('labels each answer on its own scale and scores it', () => {
    const view = responseView(content, {
      overall: { kind: 'scale', value: 1 },
      recommend: { kind: 'scale', value: 0 },
      nurse: { kind: 'not_applicable' },
      why: { kind: 'choice', value: 'wait' },
      call: { kind: 'yes_no', value: true },
      words: { kind: 'text', value: 'Two hours in the waiting room.' },
    });
    expect(view.rows.map((r) => [r.question.id, r.view, r.linear])).toEqual([
      ['overall', { kind: 'scale', value: 1, min: 1, max: 5, label: { en: 'Very poor', ar: 'سيئ جداً' } }, 0],
      ['recommend', { kind: 'scale', value: 0, min: 0, max: 10, label: { en: 'Not at all likely', ar: 'غير محتمل إطلاقاً' } }, 0],
      ['nurse', { kind: 'not_applicable' }, null],
      ['why', { kind: 'choices', labels: [text('Waiting')] }, null],
      ['call', { kind: 'yes_no', value: true }, null],
      ['words', { kind: 'text', text: 'Two hours in the waiting room.' }, null],
    ]);
    expect(view.comments.map((c) => [c.question.id, c.text])).toEqual([['words', 'Two hours in the waiting room.']]);
    expect(view.negativeReasons.map((r) => r.kind)).toEqual(['bottom_box', 'nps_detractor']);
  });

  it('tells a blank answer from a question branching hid', () => {
    const view = responseView(content, { overall: { kind: 'scale', value: 5 }, recommend: { kind: 'scale', value: 7 } });
    const byId = Object.fromEntries(view.rows.map((r) => [r.question.id, r.view.kind]));
    expect(byId).toMatchObject({ overall: 'scale', recommend: 'scale', nurse: 'blank', call: 'hidden', words: 'blank' });
    // a point between the ends of 0–10 has no label of its own
    expect(view.rows[1]!.view).toMatchObject({ value: 7, label: null });
    expect(view.negativeReasons).toEqual([]);
    expect(view.comments).toEqual([]);
  });
});
