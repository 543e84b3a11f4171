import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  dashboard: {
    nav: 'لوحة المعلومات',
    welcome: 'مرحباً، {{name}}',
    intro: 'أنت مسجّل الدخول في محطة PX360 بصفة {{role}}.',
    scope: 'نطاق صلاحيتك',
    station: 'المحطة',
    version: 'الإصدار',
    notBuilt: 'لوحات مؤشرات الشكاوى والإجراءات والاستبيانات لم تُبنَ بعد. استخدم قائمة التنقل لإدارة بيانات المنشأة.',
  },
};
