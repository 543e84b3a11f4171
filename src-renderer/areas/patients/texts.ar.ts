import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  patients: {
    nav: 'المرضى',
    title: 'المرضى',
    create: 'مريض جديد',
    edit: 'تعديل بيانات المريض',
    searchLabel: 'البحث عن مريض',
    searchPlaceholder: 'رقم الملف الطبي أو الهوية أو الجوال أو الاسم',
    tableLabel: 'المرضى',
    empty: 'لا يوجد مرضى مطابقون.',
    identity: 'الهوية / الجوال',
    intro: 'اكتب رقم الملف الطبي أو رقم الهوية أو رقم الجوال أو الاسم للعثور على المريض.',
  },
};
