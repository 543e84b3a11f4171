import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  employees: {
    nav: 'الموظفون',
    title: 'الموظفون',
    create: 'موظف جديد',
    edit: 'تعديل بيانات الموظف',
    searchLabel: 'البحث في الموظفين',
    searchPlaceholder: 'الاسم أو الرقم الوظيفي',
    tableLabel: 'الموظفون',
    empty: 'لا يوجد موظفون مطابقون.',
    linkedUser: 'حساب المستخدم المرتبط',
  },
};
