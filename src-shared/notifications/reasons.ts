/** Text in both of the console's languages. */
type BilingualText = { readonly en: string; readonly ar: string };

/**
 * Why a message was not sent, in the reader's language: the outboxes store
 * their own reasons as codes or fixed English sentences (the hub's and a
 * station's, src-hub/surveys/outbox.ts, src-main/domains/surveys/outbox.ts),
 * which the console reads here. A reason that is none of them is the
 * provider's own words (an HTTP status, "Unifonic: Undeliverable") and is
 * shown as the provider gave it.
 */
const FIXED: Readonly<Record<string, BilingualText>> = {
  gone: { en: 'The survey or the patient no longer exists.', ar: 'لم يعد الاستبيان أو المريض موجوداً.' },
  revoked: { en: 'Not sent: the survey was withdrawn.', ar: 'لم تُرسل: سُحب الاستبيان.' },
  answered: { en: 'Not sent: the survey was already answered.', ar: 'لم تُرسل: أُجيب عن الاستبيان مسبقاً.' },
  expired: { en: 'Not sent: the survey’s link had expired.', ar: 'لم تُرسل: انتهت صلاحية رابط الاستبيان.' },
  opted_out: { en: 'Not sent: the patient asked for no more surveys on this channel.', ar: 'لم تُرسل: طلب المريض عدم تلقي الاستبيانات عبر هذه القناة.' },
  fatigue: {
    en: 'Not sent: the patient was surveyed recently (survey fatigue).',
    ar: 'لم تُرسل: تلقى المريض استبياناً مؤخراً (تفادياً لإرهاق المريض بالاستبيانات).',
  },
  'No valid mobile number': { en: 'The patient has no valid mobile number.', ar: 'لا يوجد رقم جوال صالح للمريض.' },
  'No valid email address': { en: 'The patient has no valid email address.', ar: 'لا يوجد بريد إلكتروني صالح للمريض.' },
  'The survey or the patient has not reached the hub yet': {
    en: 'Waiting: the survey or the patient has not reached the hub yet.',
    ar: 'بانتظار وصول الاستبيان أو المريض إلى الخادم المركزي.',
  },
  'Set the link address in the survey settings: patients cannot open a link to this computer': {
    en: 'Waiting: set the link address in the survey settings; patients cannot open a link to this computer.',
    ar: 'بانتظار ضبط عنوان الرابط في إعدادات الاستبيانات: لا يستطيع المرضى فتح رابط إلى هذا الجهاز.',
  },
};

const PATTERNS: ReadonlyArray<readonly [RegExp, (channel: string) => BilingualText]> = [
  [
    /^The (\w+) provider's settings cannot be read/,
    (channel) => ({
      en: `Waiting: the ${channel} provider’s settings cannot be read; set them again.`,
      ar: `بانتظار إعادة ضبط إعدادات مزوّد ${channel}: تعذّرت قراءتها.`,
    }),
  ],
  [/^No provider sends (\w+)$/, (channel) => ({ en: `No provider sends ${channel} messages.`, ar: `لا يوجد مزوّد يرسل عبر ${channel}.` })],
];

/** The reason in both languages, or null when it is the provider's own words (shown as given). */
export function messageReason(error: string): BilingualText | null {
  if (Object.hasOwn(FIXED, error)) return FIXED[error] ?? null;
  for (const [pattern, text] of PATTERNS) {
    const match = pattern.exec(error);
    if (match) return text(match[1] ?? '');
  }
  return null;
}
