import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  physicians: {
    nav: 'الأطباء',
    title: 'الأطباء',
    create: 'طبيب جديد',
    edit: 'تعديل بيانات الطبيب',
    searchLabel: 'البحث في الأطباء',
    searchPlaceholder: 'الاسم أو رقم الترخيص',
    tableLabel: 'الأطباء',
    empty: 'لا يوجد أطباء مطابقون.',
  },
};
