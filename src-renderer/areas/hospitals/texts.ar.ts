import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  hospitals: {
    nav: 'المستشفيات',
    title: 'المستشفيات',
    create: 'مستشفى جديد',
    edit: 'تعديل المستشفى',
    searchLabel: 'البحث في المستشفيات',
    searchPlaceholder: 'الاسم أو الرمز',
    tableLabel: 'المستشفيات',
    empty: 'لا توجد مستشفيات بعد.',
  },
};
