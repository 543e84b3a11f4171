import type { Answer, Answers } from '../../src-shared/surveys/answers.js';
import { messageId, responseId } from '../../src-shared/surveys/ids.js';
import { questionsOf, SCALES, type Question, isScale } from '../../src-shared/surveys/template.js';
import { toJson } from '../../src-shared/tables/index.js';
import type { Actor } from '../core/audit-log.js';
import type { StationCore } from '../core/station.js';
import { uuidv7 } from '../../src-shared/ids.js';

const DAY_MS = 86_400_000;

/** Comments patients leave, in the language they answer in. */
const COMMENTS = {
  ar: ['الانتظار كان طويلاً في الاستقبال.', 'الطبيب كان متعاوناً وشرح كل شيء.', 'المواقف مزدحمة جداً.', 'شكراً لطاقم التمريض.', 'نتمنى تسريع صرف الأدوية.'],
  en: [
    'The wait at reception was long.',
    'The doctor was kind and explained everything.',
    'Parking was very crowded.',
    'Thank you to the nurses.',
    'Please make the pharmacy faster.',
  ],
} as const;

/** A patient's answer: mostly good, some poor, as real PX data looks (top-heavy, a tail of unhappy patients). */
function answerTo(question: Question, mood: number, random: () => number, language: 'ar' | 'en'): Answer | null {
  if (!question.required && random() < 0.15) return null;
  if (isScale(question)) {
    const { min, max } = SCALES[question.type];
    const spread = (max - min) * (mood + (random() - 0.5) * 0.4);
    return { kind: 'scale', value: Math.max(min, Math.min(max, Math.round(min + spread))) };
  }
  switch (question.type) {
    case 'yes_no':
      return { kind: 'yes_no', value: mood < 0.4 ? random() < 0.6 : random() < 0.05 };
    case 'text':
      return random() < 0.35 ? { kind: 'text', value: COMMENTS[language][Math.floor(random() * COMMENTS[language].length)]! } : null;
    case 'single_choice':
      return question.choices[0] ? { kind: 'choice', value: question.choices[Math.floor(random() * question.choices.length)]!.id } : null;
    case 'multiple_choice':
      return question.choices[0] ? { kind: 'choices', value: [question.choices[0].id] } : null;
  }
}

/**
 * Thirty days of surveys for the demo's control center: invitations sent
 * and delivered, about half opened and four in ten answered, a tail of
 * unhappy patients flagged negative. Written through the data layer like
 * every other row (derived scores computed as they would be for a patient).
 */
export function seedSurveyHistory(core: StationCore, actor: Actor, hospitalIds: readonly string[], random: () => number, perHospital = 120): number {
  const { templates } = core.surveys;
  const choices = [
    { event: 'OPD_VISIT_COMPLETED', weight: 0.7 },
    { event: 'IP_DISCHARGED', weight: 0.2 },
    { event: 'EMS_DISPOSITION', weight: 0.1 },
  ];
  const now = core.data.clock();
  let made = 0;
  for (const hospitalId of hospitalIds) {
    const patients = core.store
      .statement('SELECT id, preferred_language FROM patients WHERE hospital_id = ? AND deleted_at IS NULL ORDER BY id LIMIT ?')
      .all(hospitalId, perHospital) as { id: string; preferred_language: string }[];
    core.data.write(actor, (tx) => {
      for (const patient of patients) {
        const pick = random();
        const event = (pick < 0.7 ? choices[0] : pick < 0.9 ? choices[1] : choices[2])!.event;
        const templateId = templates.shippedTemplateFor(event)!;
        const versionId = templates.sendableVersion(templateId)!;
        const content = templates.contentOf(versionId)!;
        const language = patient.preferred_language === 'en' ? 'en' : 'ar';
        const invitedAt = now - Math.floor(random() * 30) * DAY_MS - Math.floor(random() * 10) * 3_600_000;
        const opened = random() < 0.55;
        const completed = opened && random() < 0.8;
        const at = (ms: number) => new Date(ms).toISOString();
        const id = uuidv7(invitedAt);
        tx.insert('survey_instances', {
          id,
          hospital_id: hospitalId,
          template_id: templateId,
          version_id: versionId,
          patient_id: patient.id,
          journey_instance_id: null,
          stage_instance_id: null,
          stage_id: null,
          department_id: null,
          physician_id: null,
          origin: 'manual',
          channel: 'sms',
          language,
          send_at: at(invitedAt),
          expires_at: at(invitedAt + 7 * DAY_MS),
          invited_at: at(invitedAt),
          opened_at: opened ? at(invitedAt + 3_600_000) : null,
          started_at: opened ? at(invitedAt + 3_700_000) : null,
          completed_at: completed ? at(invitedAt + 3_800_000) : null,
          revoked_at: null,
          skip_reason: null,
          reminders_sent: 0,
          token_hash: null,
        });
        tx.insert('notification_messages', {
          id: messageId(id, 'invitation'),
          hospital_id: hospitalId,
          instance_id: id,
          kind: 'invitation',
          channel: 'sms',
          language,
          send_at: at(invitedAt),
          status: random() < 0.03 ? 'failed' : 'delivered',
          attempts: 1,
          next_attempt_at: null,
          provider: 'console',
          provider_message_id: null,
          recipient_hint: '+966•••••000',
          segments: 2,
          error: null,
          sent_at: at(invitedAt),
          delivered_at: at(invitedAt + 60_000),
          read_at: null,
          failed_at: null,
        });
        if (!opened) continue;
        // most patients are content; about one in eight had a poor visit
        const mood = random() < 0.12 ? random() * 0.35 : 0.65 + random() * 0.35;
        const answers: Record<string, Answer> = {};
        for (const question of questionsOf(content)) {
          const answer = answerTo(question, mood, random, language);
          if (answer) answers[question.id] = answer;
        }
        tx.insert('survey_responses', {
          id: responseId(id),
          hospital_id: hospitalId,
          instance_id: id,
          version_id: versionId,
          answers: toJson<Answers>(answers),
          page: completed ? content.pages.length - 1 : 0,
          language,
          finished_at: completed ? at(invitedAt + 3_800_000) : null,
        });
        made += 1;
      }
    });
  }
  return made;
}
