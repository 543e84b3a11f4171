import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  departments: {
    nav: 'الأقسام',
    title: 'الأقسام',
    create: 'قسم جديد',
    edit: 'تعديل القسم',
    treeLabel: 'أقسام {{hospital}}',
    chooseHospital: 'اختر مستشفى لعرض أقسامه.',
    noHospitals: 'أضف مستشفى أولاً، فالأقسام تتبع المستشفيات.',
    empty: 'لا توجد أقسام في هذا المستشفى بعد.',
    subDepartments: 'الأقسام الفرعية: {{count}}',
  },
};
