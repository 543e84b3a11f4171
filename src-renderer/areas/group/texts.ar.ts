import type { Texts } from '../../kit/area.js';
import type { en } from './texts.en.js';

/** النصوص العربية لهذا القسم. المفاتيح مطابقة لـ texts.en.ts. */
export const ar: Texts<typeof en> = {
  group: {
    nav: 'نظرة عامة على المجموعة',
    title: 'نظرة عامة على المجموعة',
    intro: 'السجلات في كل مستشفى من مستشفيات المجموعة: كما يحصيها المركز من بيانات جميع المحطات بعد المزامنة، وكما تحفظها هذه المحطة.',
    refresh: 'تحديث',
    tableLabel: 'السجلات حسب المستشفى',
    total: 'جميع المستشفيات',
    columns: {
      patients: 'المرضى',
      journey_instances: 'رحلات المرضى',
      survey_instances: 'الاستبيانات',
      journey_templates: 'قوالب الرحلات',
      departments: 'الأقسام',
      physicians: 'الأطباء',
      employees: 'الموظفون',
      users: 'المستخدمون',
    },
    hubAsOf: 'أرقام المركز بتاريخ',
    cachedTitle: 'تُعرض آخر أرقام من المركز',
    cachedBody: 'وصلت {{age}}. أما أرقام هذه المحطة فهي حالية.',
    stationOnlyTitle: 'أرقام هذه المحطة فقط',
    stationOnlyBody: 'الأرقام أدناه هي السجلات المحفوظة في هذه المحطة.',
    onStation: 'في هذه المحطة: {{figure}}',
    notOnHub: 'ليس في المركز بعد',
    legend: 'كل رقم هو ما يحصيه المركز. وحيث تحفظ هذه المحطة عدداً مختلفاً يظهر تحته: سجلات لم تُرسل بعد أو لم تُستلم بعد. المزامنة توحّد الرقمين.',
    empty: 'لا توجد مستشفيات بعد، لا في المركز ولا في هذه المحطة.',
    unknownHospital: 'مستشفى غير معروف',
    lastSync: 'آخر مزامنة',
  },
};
