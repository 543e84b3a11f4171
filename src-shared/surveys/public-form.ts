import { MESSAGES, type MessageKey } from '../messages.js';
import { type Answer, answerProblem, type Answers, missingRequired, shownQuestions } from './answers.js';
import { type BilingualText, isScale, type Question, SCALES, type SurveyContent } from './template.js';

/**
 * The survey a patient opens from a link, as server-rendered HTML: a plain
 * `<form method="post">` that works with JavaScript off on a cheap phone,
 * each question a `<fieldset>` with its `<legend>`, each answer a real radio
 * button, checkbox or textarea whose value is the answer. No script, no web
 * font, no request to anyone: one small page (its size is tested).
 *
 * Right to left in Arabic: the page is `dir="rtl"`, and a scale is laid out
 * in document order (worst to best), so it starts at the right and reads in
 * the reading direction with its end labels at its ends; Back sits at the
 * start of the line, Next at its end.
 *
 * The same module reads the posted form back (`readSurveyPost`): anything
 * it does not expect is refused, never stored.
 */

export type FormLanguage = 'ar' | 'en';
/** How numbers are written on the scales: Western (0–9) or Arabic-Indic (٠–٩), as the hospital chooses. */
export type FormDigits = 'latn' | 'arab';

const TEXT = {
  next: { en: 'Next', ar: 'التالي' },
  back: { en: 'Back', ar: 'السابق' },
  finish: { en: 'Send my answers', ar: 'إرسال إجاباتي' },
  offline: {
    en: 'There is no connection right now. Your answers are still on this page: send it again when the connection is back.',
    ar: 'لا يوجد اتصال الآن. إجاباتك ما زالت في هذه الصفحة: أرسلها مرة أخرى عند عودة الاتصال.',
  },
  required: { en: 'required', ar: 'مطلوب' },
  notApplicable: { en: 'Does not apply to me', ar: 'لا ينطبق عليّ' },
  yes: { en: 'Yes', ar: 'نعم' },
  no: { en: 'No', ar: 'لا' },
  page: { en: 'Page {n} of {total}', ar: 'الصفحة {n} من {total}' },
  otherLanguage: { en: 'العربية', ar: 'English' },
  greeting: { en: 'Hello {name},', ar: 'مرحباً {name}،' },
  optOut: { en: 'Stop receiving surveys', ar: 'إيقاف استلام الاستبيانات' },
  problems: { en: 'Please check the questions marked below.', ar: 'يرجى مراجعة الأسئلة المشار إليها أدناه.' },
  appeared: { en: 'Based on your answers, there is one more question below.', ar: 'بناءً على إجاباتك، يوجد سؤال إضافي أدناه.' },
  characters: { en: 'at most {max} characters', ar: 'بحد أقصى {max} حرفاً' },
} as const satisfies Record<string, BilingualText>;

const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

function digits(value: number, style: FormDigits): string {
  const text = String(value);
  return style === 'arab' ? text.replace(/\d/g, (d) => ARABIC_DIGITS[Number(d)]!) : text;
}

/** Text for HTML: the five characters that could end an element or an attribute, escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_whole, name: string) => values[name] ?? '');
}

/** A rating's five points drawn as stars (each lit up to the one chosen) or faces, worst to best. */
const GLYPHS = { stars: ['★', '★', '★', '★', '★'], faces: ['😞', '🙁', '😐', '🙂', '😀'] } as const;

/** The name of a question's form field. */
const field = (question: Question) => `q_${question.id}`;

export interface SurveyPageOptions {
  readonly content: SurveyContent;
  /** 0-based */
  readonly page: number;
  /** what the patient answered so far (shown checked, so a dropped connection resumes) */
  readonly answers: Answers;
  readonly language: FormLanguage;
  readonly digits: FormDigits;
  /** the patient's first name: the only personal data on the page */
  readonly firstName: string | null;
  readonly hospitalName: string;
  /** where the form posts (the link's own path) */
  readonly action: string;
  readonly otherLanguageHref: string;
  readonly optOutHref: string;
  /** questions refused on the last post, with why */
  readonly problems?: Readonly<Record<string, MessageKey>>;
  /** the last post's answers showed questions of this page it had not shown (branching, without a script): say so */
  readonly appeared?: boolean;
  /** with the page's small script (FORM_SCRIPT): the public form has it, the builder's preview does not */
  readonly enhanced?: boolean;
}

/**
 * Progressive enhancement: the page works without it, and with it a weak
 * network loses nothing. Sent inline (no second request) and allowed by its
 * hash in the page's Content-Security-Policy (form-routes.ts).
 * - Sent while the phone is offline: the post is held, the page stays with
 *   every answer on it, and a message says to send it again (the browser
 *   would otherwise show its own error page and the answers would be lost).
 * - Tapped twice while a post is on its way: the second tap is ignored.
 *   Back to the page from the browser's history: it can be sent again.
 */
export const FORM_SCRIPT =
  "(function(){var f=document.querySelector('form[method=post]'),m=document.getElementById('offline');if(!f||!m)return;var busy=false;" +
  "f.addEventListener('submit',function(e){if(navigator.onLine===false){e.preventDefault();m.hidden=false;m.focus();return}" +
  "if(busy){e.preventDefault();return}busy=true;f.setAttribute('aria-busy','true')});" +
  "window.addEventListener('online',function(){m.hidden=true});" +
  "window.addEventListener('pageshow',function(){busy=false;f.removeAttribute('aria-busy')})})();";

const STYLE = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Naskh Arabic",Arial,sans-serif;color:#1a1a1a;background:#f4f6f5}
main{max-width:36rem;margin:0 auto;padding:1rem}header{display:flex;justify-content:space-between;align-items:center;gap:1rem}
h1{font-size:1.3rem;margin:.5rem 0}.second{margin-top:2rem;padding-top:1rem;border-top:1px solid #c9d1cd}.second h2{font-size:1.1rem;margin:.25rem 0}.muted{color:#4a5550;font-size:.9rem}fieldset{border:1px solid #c9d1cd;border-radius:.6rem;background:#fff;margin:0 0 1rem;padding:.75rem 1rem 1rem}
legend{float:left;width:100%;font-weight:600;padding:0;margin:0 0 .4rem}legend+*{clear:both}.scale{display:flex;flex-wrap:wrap;gap:.35rem;margin:.5rem 0 .25rem}
.scale label{flex:1 0 2.6rem;text-align:center}.scale.wide{gap:0;flex-wrap:nowrap}.scale.wide label{flex:1 1 0;min-width:0}.choice{display:block;margin:.35rem 0}
input[type=radio],input[type=checkbox]{width:1.2rem;height:1.2rem;vertical-align:middle;margin-inline-end:.4rem}
.scale input{display:block;margin:0 auto .2rem}.glyph{display:block;font-size:1.6rem;line-height:1.2}.stars .glyph{color:#8a9691}.stars label:has(~ label input:checked) .glyph,.stars label:has(input:checked) .glyph{color:#b07d00}.ends{display:flex;justify-content:space-between;font-size:.85rem;color:#4a5550}
textarea{width:100%;min-height:6rem;font:inherit;padding:.5rem;border:1px solid #8a9691;border-radius:.4rem}
.error{color:#a4000f;font-weight:600;margin:.25rem 0}fieldset[aria-invalid=true]{border-color:#a4000f}
nav{display:flex;justify-content:space-between;gap:1rem;margin:1.5rem 0}button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border-radius:.5rem;border:2px solid #0b6e4f;background:#0b6e4f;color:#fff;min-width:7rem}
button[value=back]{background:#fff;color:#0b6e4f}a{color:#0b6e4f}:focus-visible{outline:3px solid #e0a100;outline-offset:2px}footer{margin:2rem 0 1rem;font-size:.85rem}`;

function pageShell(options: { language: FormLanguage; title: string; body: string; otherLanguageHref?: string }): string {
  const { language } = options;
  const switcher = options.otherLanguageHref
    ? `<a href="${escapeHtml(options.otherLanguageHref)}" lang="${language === 'ar' ? 'en' : 'ar'}">${TEXT.otherLanguage[language]}</a>`
    : '';
  return `<!doctype html><html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>${escapeHtml(options.title)}</title><style>${STYLE}</style></head><body><main><header><span class="muted">PX360</span>${switcher}</header>${options.body}</main></body></html>`;
}

function label(text: BilingualText | { ar: string; en: string }, language: FormLanguage): string {
  return escapeHtml(text[language]);
}

/** The numerals a page shows: the hospital's choice on the Arabic page; the English page reads 0–9. */
function numeralsOf(options: SurveyPageOptions): FormDigits {
  return options.language === 'ar' ? options.digits : 'latn';
}

function questionHtml(question: Question, answer: Answer | undefined, options: SurveyPageOptions): string {
  const { language } = options;
  const numerals = numeralsOf(options);
  const name = field(question);
  const problem = options.problems?.[question.id];
  const errorId = `${name}_error`;
  const required = question.required ? ` <span class="muted">(${TEXT.required[language]})</span>` : '';
  const help = question.help ? `<p class="muted" id="${name}_help">${label(question.help, language)}</p>` : '';
  const error = problem ? `<p class="error" id="${errorId}">${escapeHtml(MESSAGES[problem][language])}</p>` : '';
  const scale = isScale(question) ? SCALES[question.type] : null;
  // a 0–10 scale's two end labels say what its numbers mean: read with the question, not hidden from screen readers
  const endsId = scale?.labels.some((l) => l === null) ? `${name}_ends` : null;
  const described = [question.help ? `${name}_help` : null, endsId, problem ? errorId : null].filter(Boolean).join(' ');
  const attributes = `${described ? ` aria-describedby="${described}"` : ''}${problem ? ' aria-invalid="true"' : ''}`;
  const checked = (on: boolean) => (on ? ' checked' : '');
  const requiredInput = question.required && question.type !== 'multiple_choice' ? ' required' : '';
  let inputs = '';
  if (isScale(question) && scale) {
    const endsOnly = scale.labels.some((l) => l === null);
    // a rating drawn as stars or faces shows its glyph where the number would be (decoration: the radio is named by its word)
    const glyphs = question.type === 'rating' && question.style !== 'numbers' ? GLYPHS[question.style] : null;
    const points: string[] = [];
    for (let value = scale.min; value <= scale.max; value += 1) {
      // a labelled point shows its label under its number; a 0–10 scale labels its two ends instead (below)
      const pointLabel = endsOnly ? null : scale.labels[value - scale.min];
      const shown = glyphs ? `<span class="glyph" aria-hidden="true">${glyphs[value - scale.min]}</span>` : digits(value, numerals);
      const text = pointLabel ? `${shown}<span class="muted" style="display:block">${escapeHtml(pointLabel[language])}</span>` : shown;
      points.push(
        `<label><input type="radio" name="${name}" value="${value}"${checked(answer?.kind === 'scale' && answer.value === value)}${requiredInput}>${text}</label>`,
      );
    }
    const [first, last] = [scale.labels[0], scale.labels.at(-1)];
    const ends =
      endsOnly && first && last
        ? `<div class="ends" id="${name}_ends"><span>${digits(scale.min, numerals)}: ${label(first, language)}</span><span>${digits(scale.max, numerals)}: ${label(last, language)}</span></div>`
        : '';
    // eleven points fit one line of a phone only without gaps
    const drawn = glyphs && question.type === 'rating' ? ` ${question.style}` : '';
    inputs = `<div class="scale${endsOnly ? ' wide' : ''}${drawn}">${points.join('')}</div>${ends}`;
  } else if (question.type === 'yes_no') {
    inputs = [true, false]
      .map(
        (value) =>
          `<label class="choice"><input type="radio" name="${name}" value="${value ? 'yes' : 'no'}"${checked(answer?.kind === 'yes_no' && answer.value === value)}${requiredInput}>${TEXT[value ? 'yes' : 'no'][language]}</label>`,
      )
      .join('');
  } else if (question.type === 'single_choice' || question.type === 'multiple_choice') {
    const type = question.type === 'single_choice' ? 'radio' : 'checkbox';
    inputs = question.choices
      .map((choice) => {
        const on = (answer?.kind === 'choice' && answer.value === choice.id) || (answer?.kind === 'choices' && answer.value.includes(choice.id));
        return `<label class="choice"><input type="${type}" name="${name}" value="${choice.id}"${checked(on)}${type === 'radio' ? requiredInput : ''}>${label(choice.text, language)}</label>`;
      })
      .join('');
  } else if (question.type === 'text') {
    const value = answer?.kind === 'text' ? escapeHtml(answer.value) : '';
    const hint = fill(TEXT.characters[language], { max: digits(question.maxLength, numerals) });
    return `<fieldset${attributes}><legend id="${name}_legend">${label(question.text, language)}${required}</legend>${help}${error}<textarea name="${name}" maxlength="${question.maxLength}" aria-labelledby="${name}_legend"${requiredInput}>${value}</textarea><p class="muted">${hint}</p></fieldset>`;
  }
  const notApplicable =
    'notApplicable' in question && question.notApplicable
      ? `<label class="choice"><input type="radio" name="${name}" value="na"${checked(answer?.kind === 'not_applicable')}>${TEXT.notApplicable[language]}</label>`
      : '';
  return `<fieldset${attributes}><legend>${label(question.text, language)}${required}</legend>${help}${error}${inputs}${notApplicable}</fieldset>`;
}

/** One page of the survey, with the answers so far checked and the questions branching hides left out. */
export function renderSurveyPage(options: SurveyPageOptions): string {
  const { content, language, page } = options;
  const total = content.pages.length;
  const shown = shownQuestions(content, options.answers);
  const questions = (content.pages[page]?.questions ?? []).filter((q) => shown.has(q.id));
  const greeting = options.firstName ? `<p>${escapeHtml(fill(TEXT.greeting[language], { name: options.firstName }))}</p>` : '';
  const intro = page === 0 && content.introduction ? `<p>${label(content.introduction, language).replaceAll('\n', '<br>')}</p>` : '';
  const pageOf =
    total > 1
      ? `<p class="muted">${fill(TEXT.page[language], { n: digits(page + 1, numeralsOf(options)), total: digits(total, numeralsOf(options)) })}</p>`
      : '';
  const alert =
    options.problems && Object.keys(options.problems).length > 0
      ? `<p class="error" role="alert">${TEXT.problems[language]}</p>`
      : options.appeared
        ? `<p role="status"><strong>${TEXT.appeared[language]}</strong></p>`
        : '';
  const offline = options.enhanced ? `<p id="offline" class="error" role="alert" tabindex="-1" hidden>${TEXT.offline[language]}</p>` : '';
  const script = options.enhanced ? `<script>${FORM_SCRIPT}</script>` : '';
  const back = page > 0 ? `<button type="submit" name="move" value="back" formnovalidate>${TEXT.back[language]}</button>` : '<span></span>';
  const forward =
    page < total - 1
      ? `<button type="submit" name="move" value="next">${TEXT.next[language]}</button>`
      : `<button type="submit" name="move" value="finish">${TEXT.finish[language]}</button>`;
  const body = `<h1>${label(content.title, language)}</h1><p class="muted">${escapeHtml(options.hospitalName)}</p>${greeting}${intro}${pageOf}${alert}<form method="post" action="${escapeHtml(options.action)}" accept-charset="utf-8"><input type="hidden" name="page" value="${page}"><input type="hidden" name="lang" value="${language}">${questions
    .map((q) => questionHtml(q, options.answers[q.id], options))
    .join('')}${offline}<nav>${back}${forward}</nav></form>${script}<footer><a href="${escapeHtml(options.optOutHref)}">${TEXT.optOut[language]}</a></footer>`;
  return pageShell({ language, title: content.title[language], body, otherLanguageHref: options.otherLanguageHref });
}

/**
 * A page with a message and nothing to fill in: thank you, already answered,
 * a link that is no longer valid. `bilingual`: the message in the other
 * language too, below (a closed or unknown link may be opened by someone
 * who reads the other one, and there is no form to switch).
 */
export function renderSurveyNotice(options: {
  language: FormLanguage;
  title: BilingualText;
  message: BilingualText;
  otherLanguageHref?: string;
  bilingual?: boolean;
}): string {
  const { language } = options;
  const other: FormLanguage = language === 'ar' ? 'en' : 'ar';
  const message = (lang: FormLanguage) => label(options.message, lang).replaceAll('\n', '<br>');
  const second = options.bilingual
    ? `<section lang="${other}" dir="${other === 'ar' ? 'rtl' : 'ltr'}" class="second"><h2>${label(options.title, other)}</h2><p>${message(other)}</p></section>`
    : '';
  const body = `<h1>${label(options.title, language)}</h1><p>${message(language)}</p>${second}`;
  return pageShell({ language, title: options.title[language], body, ...(options.otherLanguageHref ? { otherLanguageHref: options.otherLanguageHref } : {}) });
}

/** What a posted page says: where to go, and the answers on it. */
export interface SurveyPost {
  readonly page: number;
  readonly move: 'next' | 'back' | 'finish';
  readonly language: FormLanguage;
  /** the answers given on the page; a question left blank has none */
  readonly answers: Answers;
  /** required questions of the page left blank (not for `back`) */
  readonly problems: Readonly<Record<string, MessageKey>>;
}

/** A post that is not this form's at all: unknown fields, a page that is not there, values of the wrong shape. */
export class BadSurveyPost extends Error {
  constructor(readonly reason: string) {
    super(`not a survey form post: ${reason}`);
  }
}

const MAX_FIELD_LENGTH = 4000;

/**
 * Reads a posted page (form fields as the server's body parser gives them:
 * a string, or several for a repeated name). Throws BadSurveyPost for what
 * no form of ours sends (a value the page does not offer included); required
 * answers left blank come back as problems, to show on the page again.
 */
export function readSurveyPost(content: SurveyContent, body: Readonly<Record<string, unknown>>, previous: Answers): SurveyPost {
  const one = (name: string): string | undefined => {
    const value = body[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw new BadSurveyPost(`${name} is not one value`);
    if (value.length > MAX_FIELD_LENGTH) throw new BadSurveyPost(`${name} is too long`);
    return value;
  };
  const pageText = one('page');
  const page = pageText !== undefined && /^\d{1,2}$/.test(pageText) ? Number(pageText) : -1;
  const questions = content.pages[page]?.questions;
  if (!questions) throw new BadSurveyPost('no such page');
  const move = one('move') ?? 'next';
  if (move !== 'next' && move !== 'back' && move !== 'finish') throw new BadSurveyPost('unknown move');
  if (move === 'finish' && page !== content.pages.length - 1) throw new BadSurveyPost('finish before the last page');
  const language = one('lang') ?? 'ar';
  if (language !== 'ar' && language !== 'en') throw new BadSurveyPost('unknown language');
  const names = new Map(questions.map((q) => [field(q), q]));
  for (const name of Object.keys(body)) if (!['page', 'move', 'lang'].includes(name) && !names.has(name)) throw new BadSurveyPost(`unknown field ${name}`);

  const answers: Record<string, Answer> = {};
  const problems: Record<string, MessageKey> = {};
  for (const question of questions) {
    const raw = body[field(question)];
    if (raw === undefined || raw === '') continue;
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length > 20 || values.some((v) => typeof v !== 'string' || v.length > MAX_FIELD_LENGTH))
      throw new BadSurveyPost(`${field(question)} has values of the wrong shape`);
    const texts = values as string[];
    if (question.type !== 'multiple_choice' && texts.length > 1) throw new BadSurveyPost(`${field(question)} has several values`);
    // whitespace typed into a comment box is no answer
    if (question.type === 'text' && texts[0]!.trim() === '') continue;
    const answer = answerOf(question, texts);
    // every value a patient can choose is one the page offered: another one is a post no form of ours sent
    const problem = answer ? answerProblem(question, answer) : 'field.invalid_choice';
    if (!answer || problem) throw new BadSurveyPost(`${field(question)} has a value the page does not offer (${problem ?? 'field.invalid_choice'})`);
    answers[question.id] = answer;
  }
  if (move !== 'back') {
    // required answers are checked here, on the server, whatever the browser did: this page as posted, the earlier ones as saved
    const onThisPage = new Set(questions.map((q) => q.id));
    const merged = { ...Object.fromEntries(Object.entries(previous).filter(([id]) => !onThisPage.has(id))), ...answers };
    for (const id of missingRequired(content, page, merged)) problems[id] ??= 'field.required';
  }
  return { page, move, language, answers, problems };
}

function answerOf(question: Question, values: string[]): Answer | null {
  const [value = ''] = values;
  if (value === 'na') return { kind: 'not_applicable' };
  if (isScale(question)) return /^\d{1,2}$/.test(value) ? { kind: 'scale', value: Number(value) } : null;
  switch (question.type) {
    case 'yes_no':
      return value === 'yes' ? { kind: 'yes_no', value: true } : value === 'no' ? { kind: 'yes_no', value: false } : null;
    case 'single_choice':
      return { kind: 'choice', value };
    case 'multiple_choice':
      return { kind: 'choices', value: values };
    case 'text':
      return { kind: 'text', value: value.normalize('NFC').replaceAll('\r\n', '\n').trim() };
  }
  return null;
}
