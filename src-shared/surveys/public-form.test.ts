import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerProblem, type Answers } from './answers.js';
import { BadSurveyPost, FORM_SCRIPT, readSurveyPost, renderSurveyNotice, renderSurveyPage, type SurveyPageOptions } from './public-form.js';
import { questionsOf, surveyContentSchema } from './template.js';

const text = (en: string, ar: string) => ({ en, ar });
const content = surveyContentSchema.parse({
  title: text('Your clinic visit', 'زيارتك للعيادة'),
  introduction: text('Three quick questions.', 'ثلاثة أسئلة سريعة.'),
  thankYou: text('Thank you', 'شكراً لك'),
  pages: [
    {
      questions: [
        { id: 'overall', type: 'rating', required: true, domain: 'overall', text: text('How would you rate your visit?', 'كيف تقيّم زيارتك؟') },
        {
          id: 'why',
          type: 'text',
          domain: 'other',
          maxLength: 200,
          showIf: { question: 'overall', op: 'less_than', value: 3 },
          text: text('What went wrong?', 'ما الذي لم يكن جيداً؟'),
        },
        {
          id: 'clean',
          type: 'frequency',
          notApplicable: true,
          domain: 'cleanliness',
          text: text('How often was the clinic clean?', 'كم مرة كانت العيادة نظيفة؟'),
        },
      ],
    },
    {
      questions: [
        { id: 'recommend', type: 'nps', domain: 'recommend', text: text('Would you recommend us?', 'هل توصي بنا؟') },
        {
          id: 'visit_time',
          type: 'multiple_choice',
          domain: 'other',
          text: text('When did you come?', 'متى حضرت؟'),
          choices: [
            { id: 'morning', text: text('Morning', 'صباحاً') },
            { id: 'evening', text: text('Evening', 'مساءً') },
          ],
        },
        { id: 'contact_me', type: 'yes_no', scored: false, required: true, domain: 'other', text: text('May we call you?', 'هل نتصل بك؟') },
      ],
    },
  ],
});

const page = (overrides: Partial<SurveyPageOptions> = {}) =>
  renderSurveyPage({
    content,
    page: 0,
    answers: {},
    language: 'ar',
    digits: 'latn',
    firstName: 'نورة',
    hospitalName: 'مجمع العليا الطبي',
    action: '/s/TOKEN',
    otherLanguageHref: '/s/TOKEN?lang=en',
    optOutHref: '/s/TOKEN/opt-out',
    ...overrides,
  });

describe('the survey page', () => {
  it('is right to left in Arabic and left to right in English, in the patient’s language', () => {
    expect(page()).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(page()).toContain('<legend>كيف تقيّم زيارتك؟ <span class="muted">(مطلوب)</span></legend>');
    expect(page({ language: 'en' })).toMatch(/^<!doctype html><html lang="en" dir="ltr">/);
    expect(page({ language: 'en' })).toContain('How would you rate your visit?');
  });

  it('lays each scale out worst to best in document order (so it starts at the right in Arabic), each point a labelled radio', () => {
    const html = page();
    const values = [...html.matchAll(/name="q_overall" value="(\d+)"/g)].map((m) => m[1]);
    expect(values).toEqual(['1', '2', '3', '4', '5']);
    expect(html.indexOf('سيئ جداً')).toBeLessThan(html.indexOf('جيد جداً'));
    // a rating drawn as stars (the default): the star is decoration, the radio is named by its word
    expect(html).toMatch(
      /<div class="scale stars"><label><input type="radio" name="q_overall" value="1" required><span class="glyph" aria-hidden="true">★<\/span><span[^>]*>سيئ جداً<\/span><\/label>/,
    );
    // a frequency scale shows its words alone
    expect(html).toMatch(/<label><input type="radio" name="q_clean" value="1">1<span[^>]*>أبداً<\/span><\/label>/);
    // an NPS scale has its labels at its two ends
    const second = page({ page: 1 });
    expect([...second.matchAll(/name="q_recommend" value="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // the two ends say which end is which, with their numbers, and are read with the question (not hidden from screen readers)
    expect(second).toMatch(/<div class="ends" id="q_recommend_ends"><span>0: غير محتمل إطلاقاً<\/span><span>10: محتمل جداً<\/span><\/div>/);
    expect(second).toContain('<fieldset aria-describedby="q_recommend_ends">');
    expect(second).not.toContain('aria-hidden');
  });

  it('writes the scale’s numbers in Arabic-Indic digits when the hospital chooses, with the values the form posts unchanged', () => {
    const html = page({ digits: 'arab' });
    expect(html).toContain('name="q_clean" value="4">٤<');
    expect(page({ page: 1, digits: 'arab' })).toContain('الصفحة ٢ من ٢');
    expect(page({ page: 1, digits: 'arab' })).toContain('<span>١٠: محتمل جداً</span>');
  });

  it.each([
    ['faces', ['😞', '🙁', '😐', '🙂', '😀']],
    ['numbers', ['1', '2', '3', '4', '5']],
  ] as const)('draws a rating as %s when the template says so, worst to best', (style, shown) => {
    const styled = surveyContentSchema.parse({
      ...content,
      pages: [{ questions: [{ id: 'overall', type: 'rating', style, domain: 'overall', text: text('How was it?', 'كيف كانت؟') }] }],
    });
    const html = page({ content: styled, language: 'en' });
    const points = [...html.matchAll(/name="q_overall" value="\d"[^>]*>(?:<span class="glyph" aria-hidden="true">)?([^<]+)</g)].map((m) => m[1]);
    expect(points).toEqual([...shown]);
    expect(html).toContain(`Very poor`);
  });

  it('keeps 0–9 on the English page whatever the hospital chose for Arabic', () => {
    const html = page({ digits: 'arab', language: 'en' });
    expect(html).toContain('name="q_clean" value="4">4<');
    expect(html).not.toMatch(/[٠-٩]/);
    expect(page({ page: 1, digits: 'arab', language: 'en' })).toContain('Page 2 of 2');
  });

  it('puts Back before Next in the document (the start of the line in either direction), Send on the last page', () => {
    const second = page({ page: 1 });
    expect(second.indexOf('value="back"')).toBeLessThan(second.indexOf('value="finish"'));
    expect(page()).not.toContain('value="back"');
    expect(page()).toContain('<button type="submit" name="move" value="next">التالي</button>');
  });

  it('leaves out what branching hides, and checks the answers saved so far (a dropped connection resumes)', () => {
    expect(page()).not.toContain('q_why');
    const poor = page({ answers: { overall: { kind: 'scale', value: 2 }, why: { kind: 'text', value: 'Long <wait>' }, clean: { kind: 'not_applicable' } } });
    expect(poor).toContain('name="q_overall" value="2" checked required>');
    expect(poor).toContain('>Long &lt;wait&gt;</textarea>');
    expect(poor).toContain('name="q_clean" value="na" checked>');
  });

  it('escapes what it did not write: a name, a hospital, a link', () => {
    const html = page({ firstName: '<img src=x onerror=alert(1)>', hospitalName: 'A & B "Clinic"', action: '/s/"><script>' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('A &amp; B &quot;Clinic&quot;');
  });

  it('marks the questions refused on the last post, bilingual, and says so at the top', () => {
    const html = page({ problems: { overall: 'field.required' } });
    expect(html).toContain('<p class="error" role="alert">');
    expect(html).toContain('<fieldset aria-describedby="q_overall_error" aria-invalid="true">');
    expect(html).toContain('<p class="error" id="q_overall_error">حقل مطلوب.</p>');
  });

  it('loads nothing from anywhere: no script file, no font, no address but its own, and stays small', () => {
    for (const html of [page(), page({ page: 1, language: 'en' }), page({ enhanced: true })]) {
      expect(html).not.toMatch(/<script src|<link|@import|url\(|https?:/i);
      expect(Buffer.byteLength(html)).toBeLessThan(12 * 1024);
    }
    // the builder's preview has no script; the public form has its one inline script and the hidden offline message
    expect(page()).not.toContain('<script');
    const enhanced = page({ enhanced: true });
    expect(enhanced).toContain(`<script>${FORM_SCRIPT}</script>`);
    expect(enhanced).toMatch(/<p id="offline" class="error" role="alert" tabindex="-1" hidden>لا يوجد اتصال الآن/);
    expect(FORM_SCRIPT.length).toBeLessThan(1_024);
  });

  it('shows a notice page in either language', () => {
    const html = renderSurveyNotice({
      language: 'ar',
      title: text('Already answered', 'تمت الإجابة'),
      message: text('Thank you.', 'شكراً لك.\nلقد أرسلت إجاباتك.'),
    });
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('<p>شكراً لك.<br>لقد أرسلت إجاباتك.</p>');
    expect(html).not.toContain('Thank you.');
  });

  it('shows a closed link’s notice in both languages, the other one below in its own direction', () => {
    const html = renderSurveyNotice({
      language: 'ar',
      title: text('This survey has closed', 'انتهت مدة هذا الاستبيان'),
      message: text('It has passed.', 'انتهت المدة.'),
      bilingual: true,
    });
    expect(html.indexOf('انتهت مدة هذا الاستبيان')).toBeLessThan(html.indexOf('This survey has closed'));
    expect(html).toContain('<section lang="en" dir="ltr" class="second"><h2>This survey has closed</h2><p>It has passed.</p></section>');
  });
});

describe('a posted page', () => {
  const none: Answers = {};

  it('gives the answers on it', () => {
    const post = readSurveyPost(content, { page: '0', move: 'next', lang: 'ar', q_overall: '2', q_why: ' Long wait\r\n ', q_clean: 'na' }, none);
    expect(post).toEqual({
      page: 0,
      move: 'next',
      language: 'ar',
      answers: { overall: { kind: 'scale', value: 2 }, why: { kind: 'text', value: 'Long wait' }, clean: { kind: 'not_applicable' } },
      problems: {},
    });
    const second = readSurveyPost(content, { page: '1', move: 'finish', q_visit_time: ['morning', 'evening'], q_contact_me: 'no', q_recommend: '10' }, none);
    expect(second.answers).toEqual({
      recommend: { kind: 'scale', value: 10 },
      visit_time: { kind: 'choices', value: ['morning', 'evening'] },
      contact_me: { kind: 'yes_no', value: false },
    });
  });

  it.each([
    { name: 'a required question left blank', body: { page: '0', move: 'next' }, problems: { overall: 'field.required' } },
    { name: 'a comment of only spaces is no answer', body: { page: '0', q_overall: '1', q_why: '   ' }, problems: {} },
    { name: 'going back skips the required check', body: { page: '1', move: 'back' }, problems: {} },
  ])('comes back with a problem to show: $name', ({ body, problems }) => {
    expect(readSurveyPost(content, body, none).problems).toEqual(problems);
  });

  it('checks a required question against what this page posted, not what was saved before', () => {
    const saved: Answers = { overall: { kind: 'scale', value: 4 }, contact_me: { kind: 'yes_no', value: true } };
    // the patient cleared the required answer on this page: it is missing, whatever was saved
    expect(readSurveyPost(content, { page: '1', move: 'finish' }, saved).problems).toEqual({ contact_me: 'field.required' });
    // an answer on an earlier page, saved before, still decides what this page shows
    expect(readSurveyPost(content, { page: '0', move: 'next' }, saved).problems).toEqual({ overall: 'field.required' });
  });

  it.each([
    { name: 'an unknown field', body: { page: '0', q_overall: '5', national_id: '1234567890' } },
    { name: 'a question of another page', body: { page: '0', q_recommend: '5' } },
    { name: 'no page', body: { q_overall: '5' } },
    { name: 'a page that is not there', body: { page: '7' } },
    { name: 'a page that is no number', body: { page: '0x1' } },
    { name: 'finishing before the last page', body: { page: '0', move: 'finish', q_overall: '5' } },
    { name: 'an unknown move', body: { page: '0', move: 'jump' } },
    { name: 'an unknown language', body: { page: '0', lang: 'fr' } },
    { name: 'two answers to one question', body: { page: '0', q_overall: ['1', '5'] } },
    { name: 'a value that is no text', body: { page: '0', q_overall: { $gt: '' } } },
    { name: 'a huge value', body: { page: '0', q_why: 'x'.repeat(5000) } },
    // the radio and checkbox values are ours: anything else was not typed by a patient
    { name: 'a point off the scale', body: { page: '0', q_overall: '6' } },
    { name: 'a word for a number', body: { page: '0', q_overall: 'five' } },
    { name: '"does not apply" where it is not offered', body: { page: '0', q_overall: 'na' } },
    { name: 'a choice not on the list', body: { page: '1', move: 'finish', q_contact_me: 'yes', q_visit_time: 'night' } },
  ])('is refused whole when no form of ours sends it: $name', ({ body }) => {
    expect(() => readSurveyPost(content, body, none)).toThrow(BadSurveyPost);
  });

  it('never yields an answer its question cannot take, whatever is posted', () => {
    const byId = new Map(questionsOf(content).map((q) => [q.id, q]));
    const names = ['page', 'move', 'lang', 'q_overall', 'q_why', 'q_clean', 'q_recommend', 'q_visit_time', 'q_contact_me', 'other'];
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('0', '1', '5', '10', '11', 'na', 'yes', 'no', 'morning', 'next', 'finish', 'back', 'ar'),
      fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
      fc.integer(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (body) => {
        try {
          const post = readSurveyPost(content, body, none);
          for (const [id, answer] of Object.entries(post.answers)) expect(answerProblem(byId.get(id)!, answer)).toBeNull();
        } catch (error) {
          if (!(error instanceof BadSurveyPost)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
