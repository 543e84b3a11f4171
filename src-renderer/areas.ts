import { auditArea } from './areas/audit/area.js';
import { complaintsArea } from './areas/complaints/area.js';
import { dashboardArea } from './areas/dashboard/area.js';
import { departmentsArea } from './areas/departments/area.js';
import { employeesArea } from './areas/employees/area.js';
import { groupArea } from './areas/group/area.js';
import { hospitalsArea } from './areas/hospitals/area.js';
import { integrationsArea } from './areas/integrations/area.js';
import { jobsArea } from './areas/jobs/area.js';
import { journeysArea } from './areas/journeys/area.js';
import { patientsArea } from './areas/patients/area.js';
import { physiciansArea } from './areas/physicians/area.js';
import { actionsArea } from './areas/actions/area.js';
import { analyticsArea, callcenterArea, socialArea } from './areas/planned.js';
import { rolesArea } from './areas/roles/area.js';
import { surveySetupArea } from './areas/survey-setup/area.js';
import { surveysArea } from './areas/surveys/area.js';
import { slaArea } from './areas/sla/area.js';
import { syncArea } from './areas/sync/area.js';
import { usersArea } from './areas/users/area.js';
import { checkAreas, pagesOf } from './kit/navigation.js';

/**
 * The areas of the console, in the order of the navigation. The shell, the
 * router and the texts are built from this list: adding an area is its
 * folder, and its import and entry here. A clash (an id, a path, a page key) stops the
 * console at start with both sides named.
 */
export const AREAS = checkAreas([
  dashboardArea,
  groupArea,
  complaintsArea,
  actionsArea,
  journeysArea,
  surveysArea,
  surveySetupArea,
  callcenterArea,
  socialArea,
  analyticsArea,
  usersArea,
  rolesArea,
  hospitalsArea,
  departmentsArea,
  physiciansArea,
  employeesArea,
  patientsArea,
  integrationsArea,
  slaArea,
  syncArea,
  jobsArea,
  auditArea,
]);

export const PAGES = pagesOf(AREAS);
