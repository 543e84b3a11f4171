import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  audit: {
    nav: 'سجل التدقيق',
    title: 'سجل التدقيق',
    intro: 'كل تغيير أُجري على هذه المحطة، الأحدث أولاً. السجلات مترابطة بسلسلة تجزئة، فيُكتشف أي سجل عُدّل أو حُذف.',
    tableLabel: 'سجلات التدقيق',
    empty: 'لا توجد سجلات تدقيق تطابق عوامل التصفية.',
    action: 'العملية',
    entityType: 'نوع السجل',
    actor: 'المنفّذ',
    time: 'الوقت',
    entity: 'السجل',
    details: 'التفاصيل',
    showDetails: 'عرض القيم قبل التغيير وبعده للسجل {{seq}}',
    before: 'قبل',
    after: 'بعد',
    nothing: 'لا شيء',
    verify: 'التحقق من السلسلة',
    verifyOk: 'السلسلة سليمة. عدد السجلات المفحوصة: {{checked}}.',
    verifyBroken: 'السلسلة مكسورة عند السجل رقم {{seq}} ({{reason}}). عدد السجلات المفحوصة: {{checked}}.',
    reasonHash: 'محتواه لا يطابق قيمة التجزئة',
    reasonChain: 'لا يشير إلى السجل السابق له',
    reasonGap: 'يوجد سجل مفقود قبله',
    filters: 'عوامل التصفية',
  },
};
