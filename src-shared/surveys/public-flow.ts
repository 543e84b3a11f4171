import type { MessageKey } from '../messages.js';
import { type Answers, missingRequired, shownQuestions } from './answers.js';
import { BadSurveyPost, type FormDigits, type FormLanguage, readSurveyPost, renderSurveyNotice, renderSurveyPage } from './public-form.js';
import type { BilingualText, SurveyContent } from './template.js';

/**
 * What a patient's browser may do with a survey link, the same on the hub
 * (links sent to phones) and on a station's listener (kiosks): show the
 * page the patient reached, save a page, finish. Pure: the caller reads the
 * state, hands over the request, and writes what comes back — in one
 * transaction guarded so that a link already finished is never finished
 * twice (the loser of a race shows "already answered").
 */

export interface PublicSurveyState {
  readonly instance: {
    readonly expiresAt: string;
    readonly revokedAt: string | null;
    readonly completedAt: string | null;
    readonly openedAt: string | null;
    readonly startedAt: string | null;
    readonly language: FormLanguage;
  };
  readonly response: { readonly answers: Answers; readonly page: number; readonly language: FormLanguage; readonly finishedAt: string | null } | null;
  /** the questions of the instance's version; null when this place cannot read them */
  readonly content: SurveyContent | null;
  /** the only personal data on the page */
  readonly firstName: string | null;
  readonly hospitalName: BilingualText;
  readonly digits: FormDigits;
}

/** What to record after a request: only the fields that change. */
export interface SurveyWrite {
  readonly openedAt?: string;
  readonly startedAt?: string;
  readonly answers?: Answers;
  readonly page?: number;
  readonly language?: FormLanguage;
  /** the patient sent the last page: the response and the instance are complete */
  readonly finishedAt?: string;
}

export interface FlowResult {
  readonly status: number;
  readonly html: string;
  readonly write: SurveyWrite | null;
}

const NOTICE = {
  previewTitle: { en: 'Patient experience survey', ar: 'استبيان تجربة المريض' },
  previewMessage: {
    en: 'A short survey from your hospital about your visit. Open the link to answer it.',
    ar: 'استبيان قصير من المستشفى عن زيارتك. افتح الرابط للإجابة عنه.',
  },
  unknownTitle: { en: 'This link is not valid', ar: 'هذا الرابط غير صالح' },
  unknownMessage: {
    en: 'Please check that the whole link was opened. If you copied it, copy it again from the message.',
    ar: 'يرجى التأكد من فتح الرابط كاملاً. إذا نسخته، فانسخه مرة أخرى من الرسالة.',
  },
  expiredTitle: { en: 'This survey has closed', ar: 'انتهت مدة هذا الاستبيان' },
  expiredMessage: {
    en: 'The time to answer this survey has passed. Thank you for your interest.',
    ar: 'انتهت المدة المتاحة للإجابة عن هذا الاستبيان. نشكر لك اهتمامك.',
  },
  revokedTitle: { en: 'This survey was withdrawn', ar: 'تم سحب هذا الاستبيان' },
  revokedMessage: { en: 'The hospital withdrew this survey. There is nothing more to do.', ar: 'سحب المستشفى هذا الاستبيان. لا يلزمك فعل أي شيء.' },
  answeredTitle: { en: 'Already answered', ar: 'تمت الإجابة مسبقاً' },
  answeredMessage: { en: 'This survey has already been answered. Thank you.', ar: 'تمت الإجابة عن هذا الاستبيان مسبقاً. شكراً لك.' },
  unavailableTitle: { en: 'Please try again later', ar: 'يرجى المحاولة لاحقاً' },
  unavailableMessage: {
    en: 'This survey cannot be shown right now. Your link stays valid.',
    ar: 'لا يمكن عرض هذا الاستبيان الآن. يبقى رابطك صالحاً.',
  },
  badTitle: { en: 'This page could not be read', ar: 'تعذّرت قراءة هذه الصفحة' },
  badMessage: { en: 'Please go back to the survey and send the page again.', ar: 'يرجى العودة إلى الاستبيان وإرسال الصفحة مرة أخرى.' },
  optOutTitle: { en: 'Stop receiving surveys?', ar: 'إيقاف استلام الاستبيانات؟' },
  optOutMessage: {
    en: 'You will receive no more surveys from this hospital by text message, WhatsApp or email.',
    ar: 'لن تصلك استبيانات أخرى من هذا المستشفى عبر الرسائل النصية أو واتساب أو البريد الإلكتروني.',
  },
  optOutButton: { en: 'Yes, stop my surveys', ar: 'نعم، أوقف الاستبيانات' },
  optedOutTitle: { en: 'You will receive no more surveys', ar: 'لن تصلك استبيانات أخرى' },
  optedOutMessage: {
    en: 'Your choice is recorded. The hospital can change it if you ask.',
    ar: 'تم تسجيل اختيارك. يمكن للمستشفى تغييره إذا طلبت ذلك.',
  },
} as const satisfies Record<string, BilingualText>;

/** A closed, unknown or unreadable link's page: in both languages (no form is left to switch with). */
function notice(status: number, language: FormLanguage, title: BilingualText, message: BilingualText): FlowResult {
  return { status, html: renderSurveyNotice({ language, title, message, bilingual: true }), write: null };
}

/** The page for a moment the survey cannot be shown (the server failed): the link stays valid. */
export function unavailablePage(language: FormLanguage = 'ar'): FlowResult {
  return notice(503, language, NOTICE.unavailableTitle, NOTICE.unavailableMessage);
}

/**
 * What a link preview gets (a messaging app or a mail scanner fetching the
 * link to draw a card): the same neutral page for every token, valid or
 * not, with no name and nothing recorded. The survey is not marked opened
 * by a machine, and no patient's first name lands in a preview service.
 */
export function linkPreviewPage(language: FormLanguage = 'ar'): FlowResult {
  return notice(200, language, NOTICE.previewTitle, NOTICE.previewMessage);
}

/** The page for a token nobody issued, a tampered one, or one this place cannot find: all look the same. */
export function unknownLinkPage(language: FormLanguage = 'ar'): FlowResult {
  return notice(404, language, NOTICE.unknownTitle, NOTICE.unknownMessage);
}

/** A post that no form of ours sends. */
export function badPostPage(language: FormLanguage = 'ar'): FlowResult {
  return notice(400, language, NOTICE.badTitle, NOTICE.badMessage);
}

function languageOf(requested: unknown, state: PublicSurveyState): FormLanguage {
  if (requested === 'ar' || requested === 'en') return requested;
  return state.response?.language ?? state.instance.language;
}

/** A link that cannot be answered, and why; null when it can. */
function closed(state: PublicSurveyState, language: FormLanguage, now: string): FlowResult | null {
  const { instance } = state;
  if (instance.revokedAt) return notice(410, language, NOTICE.revokedTitle, NOTICE.revokedMessage);
  if (instance.completedAt || state.response?.finishedAt) return notice(200, language, NOTICE.answeredTitle, NOTICE.answeredMessage);
  if (instance.expiresAt <= now) return notice(410, language, NOTICE.expiredTitle, NOTICE.expiredMessage);
  if (!state.content) return notice(503, language, NOTICE.unavailableTitle, NOTICE.unavailableMessage);
  return null;
}

/** The already-answered page: what the loser of two racing submissions shows. */
export function alreadyAnsweredPage(language: FormLanguage): FlowResult {
  return notice(200, language, NOTICE.answeredTitle, NOTICE.answeredMessage);
}

/** The page from `from` in direction `step` that shows at least one question (branching can hide a whole page). */
function pageWithQuestions(content: SurveyContent, from: number, step: 1 | -1, answers: Answers): number {
  const shown = shownQuestions(content, answers);
  for (let page = from; page >= 0 && page < content.pages.length; page += step) {
    if (content.pages[page]!.questions.some((q) => shown.has(q.id))) return page;
  }
  return step === 1 ? content.pages.length - 1 : 0;
}

interface Place {
  readonly path: string;
  readonly now: string;
}

function page(
  state: PublicSurveyState,
  content: SurveyContent,
  at: number,
  answers: Answers,
  language: FormLanguage,
  place: Place,
  problems?: Record<string, MessageKey>,
  appeared = false,
) {
  return renderSurveyPage({
    enhanced: true,
    content,
    page: at,
    answers,
    language,
    digits: state.digits,
    firstName: state.firstName,
    hospitalName: state.hospitalName[language],
    action: place.path,
    otherLanguageHref: `${place.path}?lang=${language === 'ar' ? 'en' : 'ar'}`,
    optOutHref: `${place.path}/opt-out?lang=${language}`,
    ...(problems ? { problems } : {}),
    appeared,
  });
}

/** GET of the link: the page the patient reached (a dropped connection resumes there), in the language asked for. */
export function showSurvey(state: PublicSurveyState, requestedLanguage: unknown, place: Place): FlowResult {
  const language = languageOf(requestedLanguage, state);
  const refusal = closed(state, language, place.now);
  if (refusal || !state.content) return refusal ?? unknownLinkPage(language);
  const answers = state.response?.answers ?? {};
  const at = pageWithQuestions(state.content, Math.min(state.response?.page ?? 0, state.content.pages.length - 1), -1, answers);
  return {
    status: 200,
    html: page(state, state.content, at, answers, language, place),
    write: state.instance.openedAt ? null : { openedAt: place.now },
  };
}

/**
 * POST of a page: saves its answers (valid ones, even when others on the
 * page are refused), moves back or on, or finishes. Throws BadSurveyPost
 * for a post no form of ours sends: the caller answers 400 and stores nothing.
 */
export function postSurvey(state: PublicSurveyState, body: Readonly<Record<string, unknown>>, place: Place): FlowResult {
  const language = languageOf(body.lang, state);
  const refusal = closed(state, language, place.now);
  if (refusal || !state.content) return refusal ?? unknownLinkPage(language);
  const content = state.content;
  const previous = state.response?.answers ?? {};
  const post = readSurveyPost(content, body, previous);
  const onPage = new Set(content.pages[post.page]!.questions.map((q) => q.id));
  const answers: Answers = { ...Object.fromEntries(Object.entries(previous).filter(([id]) => !onPage.has(id))), ...post.answers };
  const started = state.instance.startedAt ? {} : { startedAt: place.now };
  const opened = state.instance.openedAt ? {} : { openedAt: place.now };
  const base = { ...opened, ...started, answers, language: post.language };

  // a question of this page that the answers just posted show (and the page, drawn before them, did not): the page
  // again with it, before moving on or calling it missing; with no script in the page this is how branching appears
  if (post.move !== 'back') {
    const before = shownQuestions(content, previous);
    const after = shownQuestions(content, answers);
    const appeared = content.pages[post.page]!.questions.filter((q) => after.has(q.id) && !before.has(q.id) && answers[q.id] === undefined);
    if (appeared.length > 0) {
      const others = Object.fromEntries(Object.entries(post.problems).filter(([id]) => !appeared.some((q) => q.id === id)));
      const problems = Object.keys(others).length > 0 ? others : undefined;
      return {
        status: problems ? 422 : 200,
        html: page(state, content, post.page, answers, post.language, place, problems, true),
        write: { ...base, page: post.page },
      };
    }
  }
  if (Object.keys(post.problems).length > 0) {
    return { status: 422, html: page(state, content, post.page, answers, post.language, place, post.problems), write: { ...base, page: post.page } };
  }
  if (post.move === 'back') {
    const to = pageWithQuestions(content, post.page - 1, -1, answers);
    return { status: 200, html: page(state, content, to, answers, post.language, place), write: { ...base, page: to } };
  }
  if (post.move === 'next' && post.page < content.pages.length - 1) {
    const to = pageWithQuestions(content, post.page + 1, 1, answers);
    if (to > post.page) return { status: 200, html: page(state, content, to, answers, post.language, place), write: { ...base, page: to } };
  }
  // finishing: every page's required answers, as saved, not only this one's
  for (let at = 0; at < content.pages.length; at += 1) {
    const missing = missingRequired(content, at, answers);
    if (missing.length > 0) {
      const problems = Object.fromEntries(missing.map((id) => [id, 'field.required' as MessageKey]));
      return { status: 422, html: page(state, content, at, answers, post.language, place, problems), write: { ...base, page: at } };
    }
  }
  return {
    status: 200,
    html: renderSurveyNotice({ language: post.language, title: content.title, message: content.thankYou }),
    write: { ...base, page: post.page, finishedAt: place.now },
  };
}

/** GET of the opt-out link: a question with a button, so a link scanner that follows links opts nobody out. */
export function optOutQuestion(language: FormLanguage, path: string): FlowResult {
  const form = `<form method="post" action="${path}/opt-out"><input type="hidden" name="lang" value="${language}"><button type="submit" name="confirm" value="yes">${NOTICE.optOutButton[language]}</button></form>`;
  const html = renderSurveyNotice({ language, title: NOTICE.optOutTitle, message: NOTICE.optOutMessage }).replace('</main>', `${form}</main>`);
  return { status: 200, html, write: null };
}

/** After the patient confirmed: recorded. */
export function optedOutPage(language: FormLanguage): FlowResult {
  return notice(200, language, NOTICE.optedOutTitle, NOTICE.optedOutMessage);
}

export { BadSurveyPost };
