import type { Bilingual } from '../messages.js';

/**
 * What a complaint is classified by (issue 12), with the words the console
 * shows and the external intake accepts. The classification is HCAT's
 * (Gillespie & Reader, BMJ Qual Saf 2016): three domains, seven categories;
 * subcategories are the group's own (configured, not listed here).
 */

export const COMPLAINT_TYPES = ['complaint', 'inquiry', 'compliment'] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

export const COMPLAINT_CHANNELS = ['walk_in', 'phone', 'email', 'web', 'app', 'social', 'moh_937'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const HCAT_DOMAINS = ['clinical', 'management', 'relationships'] as const;
export type HcatDomain = (typeof HCAT_DOMAINS)[number];

/** HCAT's seven problem categories, each in its domain. */
export const HCAT_CATEGORIES = {
  quality: 'clinical',
  safety: 'clinical',
  environment: 'management',
  institutional_processes: 'management',
  listening: 'relationships',
  communication: 'relationships',
  respect_and_patient_rights: 'relationships',
} as const satisfies Record<string, HcatDomain>;
export type HcatCategory = keyof typeof HCAT_CATEGORIES;
export const HCAT_CATEGORY_CODES = Object.keys(HCAT_CATEGORIES) as HcatCategory[];

/** 1 low … 4 critical: severity drives the SLA policy and its escalation ladder. */
export const SEVERITIES = [1, 2, 3, 4] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Harm to the patient, on the WHO patient-safety classification's scale. */
export const HARM_LEVELS = ['none', 'mild', 'moderate', 'severe', 'death'] as const;
export type HarmLevel = (typeof HARM_LEVELS)[number];

/** Where in the patient's care the problem happened. */
export const STAGES_OF_CARE = [
  'appointment',
  'admission',
  'examination_diagnosis',
  'treatment',
  'care_on_ward',
  'operation_procedure',
  'discharge_transfer',
  'billing',
  'other',
] as const;
export type StageOfCare = (typeof STAGES_OF_CARE)[number];

export const CONTACT_PREFERENCES = ['phone', 'sms', 'whatsapp', 'email', 'none'] as const;
export type ContactPreference = (typeof CONTACT_PREFERENCES)[number];

export const LABELS = {
  type: {
    complaint: { en: 'Complaint', ar: 'شكوى' },
    inquiry: { en: 'Inquiry', ar: 'استفسار' },
    compliment: { en: 'Compliment', ar: 'شكر وثناء' },
  },
  channel: {
    walk_in: { en: 'In person', ar: 'حضورياً' },
    phone: { en: 'Phone', ar: 'هاتف' },
    email: { en: 'Email', ar: 'بريد إلكتروني' },
    web: { en: 'Website', ar: 'الموقع الإلكتروني' },
    app: { en: 'App', ar: 'التطبيق' },
    social: { en: 'Social media', ar: 'وسائل التواصل الاجتماعي' },
    moh_937: { en: 'MoH 937 referral', ar: 'إحالة من 937' },
  },
  domain: {
    clinical: { en: 'Clinical', ar: 'سريري' },
    management: { en: 'Management', ar: 'إداري' },
    relationships: { en: 'Relationships', ar: 'العلاقات' },
  },
  category: {
    quality: { en: 'Quality', ar: 'الجودة' },
    safety: { en: 'Safety', ar: 'السلامة' },
    environment: { en: 'Environment', ar: 'البيئة' },
    institutional_processes: { en: 'Institutional processes', ar: 'الإجراءات المؤسسية' },
    listening: { en: 'Listening', ar: 'الإصغاء' },
    communication: { en: 'Communication', ar: 'التواصل' },
    respect_and_patient_rights: { en: 'Respect and patient rights', ar: 'الاحترام وحقوق المريض' },
  },
  severity: {
    1: { en: '1 – Low', ar: '1 – منخفضة' },
    2: { en: '2 – Medium', ar: '2 – متوسطة' },
    3: { en: '3 – High', ar: '3 – عالية' },
    4: { en: '4 – Critical', ar: '4 – حرجة' },
  },
  priority: {
    low: { en: 'Low', ar: 'منخفضة' },
    medium: { en: 'Medium', ar: 'متوسطة' },
    high: { en: 'High', ar: 'عالية' },
    urgent: { en: 'Urgent', ar: 'عاجلة' },
  },
  harm: {
    none: { en: 'No harm', ar: 'لا ضرر' },
    mild: { en: 'Mild', ar: 'ضرر طفيف' },
    moderate: { en: 'Moderate', ar: 'ضرر متوسط' },
    severe: { en: 'Severe', ar: 'ضرر شديد' },
    death: { en: 'Death', ar: 'وفاة' },
  },
  stage: {
    appointment: { en: 'Appointment', ar: 'المواعيد' },
    admission: { en: 'Admission', ar: 'الدخول' },
    examination_diagnosis: { en: 'Examination and diagnosis', ar: 'الفحص والتشخيص' },
    treatment: { en: 'Treatment', ar: 'العلاج' },
    care_on_ward: { en: 'Care on the ward', ar: 'الرعاية في القسم' },
    operation_procedure: { en: 'Operation or procedure', ar: 'العملية أو الإجراء' },
    discharge_transfer: { en: 'Discharge or transfer', ar: 'الخروج أو التحويل' },
    billing: { en: 'Billing', ar: 'الفواتير' },
    other: { en: 'Other', ar: 'أخرى' },
  },
  contact: {
    phone: { en: 'Phone call', ar: 'اتصال هاتفي' },
    sms: { en: 'SMS', ar: 'رسالة نصية' },
    whatsapp: { en: 'WhatsApp', ar: 'واتساب' },
    email: { en: 'Email', ar: 'بريد إلكتروني' },
    none: { en: 'Do not contact', ar: 'عدم التواصل' },
  },
} as const satisfies Record<string, Record<string | number, Bilingual>>;

/** The HCAT domain of a category: stored with the complaint, never chosen apart from it. */
export function domainOf(category: HcatCategory): HcatDomain {
  return HCAT_CATEGORIES[category];
}
