import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  users: {
    nav: 'المستخدمون',
    title: 'المستخدمون',
    create: 'مستخدم جديد',
    edit: 'تعديل المستخدم',
    searchLabel: 'البحث في المستخدمين',
    searchPlaceholder: 'الاسم أو اسم المستخدم أو البريد الإلكتروني',
    tableLabel: 'المستخدمون',
    empty: 'لا يوجد مستخدمون مطابقون.',
    resetPassword: 'إعادة تعيين كلمة المرور',
    resetTitle: 'إعادة تعيين كلمة مرور {{name}}',
    resetIntro: 'يسجّل المستخدم الدخول بكلمة المرور هذه وعليه تغييرها. يُفتح الحساب إن كان مقفلاً.',
    resetDone: 'تمت إعادة تعيين كلمة المرور.',
    roleFilter: 'الدور',
    never: 'لم يسجّل الدخول بعد',
  },
};
