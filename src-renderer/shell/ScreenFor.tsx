import { useTranslation } from 'react-i18next';
import { MESSAGES } from '../../src-shared/messages.js';
import { usePermission } from '../api/hooks.js';
import type { Me } from '../api/session.js';
import { ErrorAlert } from '../components/StateViews.js';
import { useLanguage } from '../i18n/index.js';
import { AuditScreen } from '../areas/audit/AuditScreen.js';
import { DashboardScreen } from '../areas/dashboard/DashboardScreen.js';
import { NotBuiltScreen } from '../kit/NotBuiltScreen.js';
import { DepartmentsScreen } from '../areas/departments/DepartmentsScreen.js';
import { EmployeesScreen } from '../areas/employees/EmployeesScreen.js';
import { HospitalsScreen } from '../areas/hospitals/HospitalsScreen.js';
import { PatientsScreen } from '../areas/patients/PatientsScreen.js';
import { PhysiciansScreen } from '../areas/physicians/PhysiciansScreen.js';
import { RolesScreen } from '../areas/roles/RolesScreen.js';
import { UsersScreen } from '../areas/users/UsersScreen.js';
import { IntegrationsScreen } from '../areas/integrations/IntegrationsScreen.js';
import { SourceScreen } from '../areas/integrations/SourceScreen.js';
import { SyncScreen } from '../areas/sync/SyncScreen.js';
import { GroupOverviewScreen } from '../areas/group/GroupOverviewScreen.js';
import { EventMonitorScreen } from '../areas/journeys/events/EventMonitorScreen.js';
import { JourneyScreen } from '../areas/journeys/JourneyScreen.js';
import { JourneysScreen } from '../areas/journeys/JourneysScreen.js';
import { TemplatesScreen } from '../areas/journeys/templates/TemplatesScreen.js';
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
