import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  roles: {
    nav: 'الأدوار',
    title: 'الأدوار',
    intro: 'الأدوار المدمجة في النظام. لا يمنح المستخدم إلا أدواراً أدنى من مستواه.',
    tableLabel: 'الأدوار وصلاحياتها',
    empty: 'لا توجد أدوار معرّفة على هذه المحطة.',
  },
  perm: {
    users: { read: 'عرض المستخدمين', write: 'إدارة المستخدمين' },
    roles: { read: 'عرض الأدوار', write: 'إدارة الأدوار' },
    hospitals: { read: 'عرض المستشفيات', write: 'إدارة المستشفيات' },
    departments: { read: 'عرض الأقسام', write: 'إدارة الأقسام' },
    physicians: { read: 'عرض الأطباء', write: 'إدارة الأطباء' },
    employees: { read: 'عرض الموظفين', write: 'إدارة الموظفين' },
    patients: { read: 'عرض المرضى', write: 'إدارة المرضى' },
    audit: { read: 'عرض سجل التدقيق', verify: 'التحقق من سلسلة التدقيق' },
    complaints: { read: 'عرض الشكاوى', write: 'معالجة الشكاوى' },
    actions: { read: 'عرض إجراءات التحسين', write: 'تنفيذ إجراءات التحسين' },
    journeys: { read: 'عرض رحلة المريض', write: 'إدارة رحلة المريض' },
    surveys: { read: 'عرض الاستبيانات', write: 'إدارة الاستبيانات' },
    callcenter: { read: 'عرض مركز الاتصال', write: 'تسجيل المكالمات' },
    social: { read: 'عرض وسائل التواصل', write: 'متابعة وسائل التواصل' },
    analytics: { read: 'عرض التحليلات' },
    integrations: { manage: 'إدارة التكاملات' },
    sync: { manage: 'إدارة المزامنة' },
  },
};
