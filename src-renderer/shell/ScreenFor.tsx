import { useTranslation } from 'react-i18next';
import { MESSAGES } from '../../src-shared/messages.js';
import { usePermission } from '../api/hooks.js';
import type { Me } from '../api/session.js';
import { ErrorAlert } from '../components/StateViews.js';
import { useLanguage } from '../i18n/index.js';
import { AuditScreen } from '../screens/audit/AuditScreen.js';
import { DashboardScreen } from '../screens/areas/DashboardScreen.js';
import { NotBuiltScreen } from '../screens/areas/NotBuiltScreen.js';
import { DepartmentsScreen } from '../screens/admin/departments/DepartmentsScreen.js';
import { EmployeesScreen } from '../screens/admin/employees/EmployeesScreen.js';
import { HospitalsScreen } from '../screens/admin/hospitals/HospitalsScreen.js';
import { PatientsScreen } from '../screens/admin/patients/PatientsScreen.js';
import { PhysiciansScreen } from '../screens/admin/physicians/PhysiciansScreen.js';
import { RolesScreen } from '../screens/admin/roles/RolesScreen.js';
import { UsersScreen } from '../screens/admin/users/UsersScreen.js';
import { IntegrationsScreen } from '../screens/integrations/IntegrationsScreen.js';
import { SourceScreen } from '../screens/integrations/SourceScreen.js';
import { SyncScreen } from '../screens/sync/SyncScreen.js';
import { GroupOverviewScreen } from '../screens/group/GroupOverviewScreen.js';
import { EventMonitorScreen } from '../screens/journeys/events/EventMonitorScreen.js';
import { JourneyScreen } from '../screens/journeys/JourneyScreen.js';
import { JourneysScreen } from '../screens/journeys/JourneysScreen.js';
import { TemplatesScreen } from '../screens/journeys/templates/TemplatesScreen.js';
import { refusalFor, type Route } from './routes.js';

interface ScreenForProps {
  route: Route;
  me: Me;
  stationId: string | undefined;
  version: string | undefined;
}

export function ScreenFor({ route, me, stationId, version }: ScreenForProps) {
  const { item, rest, params } = route;
  const { t } = useTranslation();
  const language = useLanguage();
  const can = usePermission();
  const refusal = refusalFor(item, can, me.scope.kind);
  if (refusal) return <ErrorAlert text={MESSAGES[refusal][language]} />;
  if (!item.built) return <NotBuiltScreen area={t(`nav.${item.key}`)} />;
  switch (item.key) {
    case 'users':
      return <UsersScreen me={me} />;
    case 'roles':
      return <RolesScreen />;
    case 'hospitals':
      return <HospitalsScreen />;
    case 'departments':
      return <DepartmentsScreen me={me} />;
    case 'physicians':
      return <PhysiciansScreen me={me} />;
    case 'employees':
      return <EmployeesScreen me={me} />;
    case 'patients':
      return <PatientsScreen me={me} />;
    case 'integrations':
      return rest[0] ? <SourceScreen sourceSystem={rest[0]} /> : <IntegrationsScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'groupOverview':
      return <GroupOverviewScreen />;
    case 'journeys':
      return rest[0] ? <JourneyScreen id={rest[0]} /> : <JourneysScreen me={me} />;
    case 'journeyTemplates':
      return <TemplatesScreen me={me} templateId={rest[0]} hospitalId={params.get('hospital')} />;
    case 'events':
      return <EventMonitorScreen openEventId={params.get('event')} initialSearch={params.get('q') ?? ''} />;
    case 'audit':
      return <AuditScreen />;
    default:
      return <DashboardScreen me={me} stationId={stationId} version={version} />;
  }
}
