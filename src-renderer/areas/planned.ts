import { IconChartBar, IconHeadset, IconWorld } from '@tabler/icons-react';
import { plannedArea } from '../kit/area.js';

/**
 * Areas still to come: each has its place in the navigation and a page that
 * says it is not built yet. Building one gives it a folder of its own under
 * the same id, and its line in areas.ts points there instead.
 */
export const callcenterArea = plannedArea(
  'callcenter',
  { en: 'Call center', ar: 'مركز الاتصال' },
  { path: '/call-center', icon: IconHeadset, permission: 'callcenter.read', section: 'work' },
);
export const socialArea = plannedArea(
  'social',
  { en: 'Social media', ar: 'وسائل التواصل الاجتماعي' },
  { path: '/social', icon: IconWorld, permission: 'social.read', section: 'work' },
);
export const analyticsArea = plannedArea(
  'analytics',
  { en: 'Analytics', ar: 'التحليلات' },
  { path: '/analytics', icon: IconChartBar, permission: 'analytics.read', section: 'work' },
);
