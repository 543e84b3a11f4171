import { builtInId } from './ids.js';
import { type SurveyContent, surveyContentSchema } from './template.js';

/**
 * Shared by the station (which makes them as built-in rows, the same on
 * every station and never sent) and the hub (which never receives those rows
 * and reads a shipped version's questions from here when a patient opens a
 * link).
 *
 * The survey templates PX360 ships: an outpatient visit, an inpatient
 * discharge (HCAHPS-style domains and frequency scales), an emergency/EMS
 * visit and satisfaction with how a complaint was resolved. Short enough for
 * a phone (the outpatient one well under a minute, default-templates.test.ts),
 * in the Arabic a Saudi patient reads and the English an expatriate does.
 * Each asks whether the patient wants a call back, and marks a response
 * negative on a detractor, an answer at the bottom of a scale or that yes.
 */
export interface DefaultTemplate {
  /** the template's code: one per group, the key `seed-demo` and the console find it by */
  readonly code: string;
  /** the journey stage event it is sent after by default (null: sent by hand or by the complaints work) */
  readonly stageEvent: 'OPD_VISIT_COMPLETED' | 'IP_DISCHARGED' | 'EMS_DISPOSITION' | null;
  readonly content: SurveyContent;
}

/** "Would you like us to call you?": unscored, shown only to a patient who was not happy. */
function callBack(showIf: unknown) {
  return {
    id: 'contact_me',
    type: 'yes_no',
    scored: false,
    domain: 'other',
    showIf,
    text: {
      en: 'Would you like someone from our patient experience team to call you about your visit?',
      ar: 'هل تودّ أن يتصل بك أحد من فريق تجربة المريض بخصوص زيارتك؟',
    },
  };
}

const recommend = {
  id: 'recommend',
  type: 'nps',
  domain: 'recommend',
  text: { en: 'How likely are you to recommend this hospital to your family and friends?', ar: 'ما مدى احتمال أن توصي بهذا المستشفى لعائلتك وأصدقائك؟' },
};

const improve = {
  id: 'improve',
  type: 'text',
  domain: 'other',
  maxLength: 1000,
  text: { en: 'Is there anything we could have done better?', ar: 'هل هناك ما كان بإمكاننا تقديمه بشكل أفضل؟' },
};

const negative = [{ kind: 'nps_detractor' }, { kind: 'bottom_box' }, { kind: 'answer_is', question: 'contact_me', value: true }];

const thankYou = {
  en: 'Thank you. Your answers go to the hospital’s patient experience team and help us improve care.',
  ar: 'شكراً لك. تصل إجاباتك إلى فريق تجربة المريض في المستشفى وتساعدنا على تحسين الرعاية.',
};

const raw = [
  {
    code: 'OPD-VISIT',
    stageEvent: 'OPD_VISIT_COMPLETED',
    content: {
      title: { en: 'Your clinic visit', ar: 'زيارتك للعيادة' },
      introduction: { en: 'A few quick questions about your visit today: less than a minute.', ar: 'أسئلة سريعة عن زيارتك اليوم، تستغرق أقل من دقيقة.' },
      thankYou,
      negative,
      pages: [
        {
          questions: [
            {
              id: 'overall',
              type: 'rating',
              required: true,
              domain: 'overall',
              text: { en: 'How would you rate your visit today?', ar: 'كيف تقيّم زيارتك اليوم؟' },
            },
            {
              id: 'waiting',
              type: 'rating',
              domain: 'waiting_time',
              text: { en: 'How would you rate the time you waited to see the doctor?', ar: 'كيف تقيّم مدة انتظارك حتى دخلت على الطبيب؟' },
            },
            {
              id: 'doctor_explained',
              type: 'likert',
              domain: 'communication_doctors',
              text: { en: 'The doctor explained my condition and treatment clearly.', ar: 'شرح لي الطبيب حالتي وعلاجي بوضوح.' },
            },
            {
              id: 'staff_respect',
              type: 'likert',
              domain: 'staff_courtesy',
              text: { en: 'Reception and nursing staff treated me with courtesy and respect.', ar: 'عاملني موظفو الاستقبال والتمريض بلطف واحترام.' },
            },
            recommend,
            callBack({
              any: [
                { question: 'overall', op: 'less_than', value: 3 },
                { question: 'recommend', op: 'less_than', value: 7 },
              ],
            }),
            improve,
          ],
        },
      ],
    },
  },
  {
    code: 'IP-DISCHARGE',
    stageEvent: 'IP_DISCHARGED',
    content: {
      title: { en: 'Your stay with us', ar: 'فترة إقامتك لدينا' },
      introduction: {
        en: 'Please answer about your recent stay in hospital. It takes about two minutes.',
        ar: 'نرجو أن تجيب عن فترة تنويمك الأخيرة في المستشفى. يستغرق ذلك نحو دقيقتين.',
      },
      thankYou,
      negative,
      pages: [
        {
          questions: [
            {
              id: 'nurses_respect',
              type: 'frequency',
              domain: 'communication_nurses',
              text: {
                en: 'During this stay, how often did nurses treat you with courtesy and respect?',
                ar: 'خلال فترة تنويمك، كم مرة عاملك الممرضون بلطف واحترام؟',
              },
            },
            {
              id: 'nurses_explained',
              type: 'frequency',
              domain: 'communication_nurses',
              text: { en: 'How often did nurses explain things in a way you could understand?', ar: 'كم مرة شرح لك الممرضون الأمور بطريقة تفهمها؟' },
            },
            {
              id: 'doctors_respect',
              type: 'frequency',
              domain: 'communication_doctors',
              text: { en: 'How often did doctors treat you with courtesy and respect?', ar: 'كم مرة عاملك الأطباء بلطف واحترام؟' },
            },
            {
              id: 'doctors_explained',
              type: 'frequency',
              domain: 'communication_doctors',
              text: { en: 'How often did doctors explain things in a way you could understand?', ar: 'كم مرة شرح لك الأطباء الأمور بطريقة تفهمها؟' },
            },
            {
              id: 'call_button',
              type: 'frequency',
              domain: 'responsiveness',
              notApplicable: true,
              text: {
                en: 'After you pressed the call button, how often did you get help as soon as you wanted it?',
                ar: 'بعد أن ضغطت زر الاستدعاء، كم مرة حصلت على المساعدة بالسرعة التي أردتها؟',
              },
            },
            {
              id: 'medicines_explained',
              type: 'frequency',
              domain: 'communication_medicines',
              notApplicable: true,
              text: {
                en: 'Before giving you a new medicine, how often did staff tell you what it was for?',
                ar: 'قبل إعطائك دواءً جديداً، كم مرة أخبرك الطاقم بالغرض منه؟',
              },
            },
            {
              id: 'room_clean',
              type: 'frequency',
              domain: 'cleanliness',
              text: { en: 'How often were your room and bathroom kept clean?', ar: 'كم مرة كانت غرفتك ودورة المياه نظيفتين؟' },
            },
            {
              id: 'quiet_at_night',
              type: 'frequency',
              domain: 'quietness',
              text: { en: 'How often was the area around your room quiet at night?', ar: 'كم مرة كان المكان حول غرفتك هادئاً في الليل؟' },
            },
          ],
        },
        {
          questions: [
            {
              id: 'help_after_discharge',
              type: 'yes_no',
              domain: 'discharge_information',
              text: {
                en: 'Did staff talk with you about the help you would need after leaving the hospital?',
                ar: 'هل تحدّث معك الطاقم عن المساعدة التي ستحتاجها بعد خروجك من المستشفى؟',
              },
            },
            {
              id: 'overall',
              type: 'rating',
              required: true,
              domain: 'overall',
              text: { en: 'Overall, how would you rate your stay in this hospital?', ar: 'بشكل عام، كيف تقيّم فترة إقامتك في هذا المستشفى؟' },
            },
            recommend,
            callBack({
              any: [
                { question: 'overall', op: 'less_than', value: 3 },
                { question: 'recommend', op: 'less_than', value: 7 },
              ],
            }),
            improve,
          ],
        },
      ],
    },
  },
  {
    code: 'EMS-VISIT',
    stageEvent: 'EMS_DISPOSITION',
    content: {
      title: { en: 'Your emergency visit', ar: 'زيارتك للطوارئ' },
      thankYou,
      negative,
      pages: [
        {
          questions: [
            {
              id: 'waiting',
              type: 'rating',
              required: true,
              domain: 'waiting_time',
              text: { en: 'How would you rate the time you waited to be seen by a doctor?', ar: 'كيف تقيّم مدة انتظارك حتى فحصك الطبيب؟' },
            },
            {
              id: 'team_explained',
              type: 'likert',
              domain: 'communication_doctors',
              text: { en: 'The emergency team explained what was happening and what to expect.', ar: 'شرح لي فريق الطوارئ ما يحدث وما يمكن أن أتوقعه.' },
            },
            {
              id: 'pain_controlled',
              type: 'likert',
              domain: 'pain_management',
              notApplicable: true,
              text: { en: 'My pain was well controlled.', ar: 'تمت السيطرة على ألمي بشكل جيد.' },
            },
            {
              id: 'staff_respect',
              type: 'likert',
              domain: 'staff_courtesy',
              text: { en: 'Staff treated me with courtesy and respect.', ar: 'عاملني الطاقم بلطف واحترام.' },
            },
            recommend,
            callBack({
              any: [
                { question: 'waiting', op: 'less_than', value: 3 },
                { question: 'recommend', op: 'less_than', value: 7 },
              ],
            }),
            improve,
          ],
        },
      ],
    },
  },
  {
    code: 'COMPLAINT',
    stageEvent: null,
    content: {
      title: { en: 'How we handled your complaint', ar: 'كيف تعاملنا مع شكواك' },
      thankYou,
      negative: [...negative, { kind: 'answer_is', question: 'resolved', value: false }],
      pages: [
        {
          questions: [
            {
              id: 'resolved',
              type: 'yes_no',
              required: true,
              domain: 'complaint_handling',
              text: { en: 'Was your complaint resolved?', ar: 'هل حُلّت شكواك؟' },
            },
            {
              id: 'handling',
              type: 'rating',
              domain: 'complaint_handling',
              text: { en: 'How would you rate the way your complaint was handled?', ar: 'كيف تقيّم طريقة التعامل مع شكواك؟' },
            },
            {
              id: 'kept_informed',
              type: 'yes_no',
              domain: 'complaint_handling',
              text: { en: 'Were you kept informed while your complaint was being handled?', ar: 'هل أُبلغت بمستجدات شكواك أثناء معالجتها؟' },
            },
            {
              id: 'time_taken',
              type: 'rating',
              domain: 'complaint_handling',
              text: { en: 'How would you rate the time it took to resolve it?', ar: 'كيف تقيّم المدة التي استغرقها حلّها؟' },
            },
            callBack({
              any: [
                { question: 'resolved', op: 'equals', value: false },
                { question: 'handling', op: 'less_than', value: 3 },
              ],
            }),
            improve,
          ],
        },
      ],
    },
  },
] as const;

/** The shipped templates, checked by the same schema a template made in the console passes. */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = raw.map((template) => ({
  code: template.code,
  stageEvent: template.stageEvent,
  content: surveyContentSchema.parse(template.content),
}));

/** The id every station gives a shipped template (a built-in row). */
export const shippedTemplateId = (code: string) => builtInId(`px360.survey.${code}`);
/** The id of a shipped template's first version: built in, never edited (an edit is a new version, which is synced). */
export const shippedVersionId = (code: string) => builtInId(`px360.survey.${code}.v1`);

const SHIPPED_VERSIONS = new Map(DEFAULT_TEMPLATES.map((t) => [shippedVersionId(t.code), t.content]));

/** The questions of a shipped version, by its id; null for any other version. */
export function shippedVersionContent(versionId: string): SurveyContent | null {
  return SHIPPED_VERSIONS.get(versionId) ?? null;
}
