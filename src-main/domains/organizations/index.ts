import { groupSettingsContract, organizationsContract } from '../../../src-shared/contract/index.js';
import type { Handler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { GroupSettingsService, type StationRole } from './group-settings.js';
import { organizationsHandlers } from './handlers.js';
import { PatientsService } from './patients.js';
import { StaffService } from './staff.js';
import { StructureService } from './structure.js';

/**
 * Organizations: the group (its settings), its hospitals and departments,
 * its physicians and employees, and the patients. `stationRole`: what this
 * station is to the hub (sync), since only a group station changes group settings.
 */
export function organizationsDomain(base: StationBase, stationRole: () => StationRole) {
  const groupSettings = new GroupSettingsService(base.store, base.data, stationRole);
  groupSettings.ensure();
  const structure = new StructureService(base.store, base.data);
  const staff = new StaffService(base.store, base.data, structure);
  const patients = new PatientsService(base.store, base.data, structure);
  return defineDomain({
    name: 'organizations',
    calls: { ...organizationsContract, ...groupSettingsContract },
    services: { groupSettings, structure, staff, patients },
    handlers: {
      ...organizationsHandlers(structure, staff, patients),
      'groupSettings.get': (() => groupSettings.current()) satisfies Handler<'groupSettings.get'>,
      'groupSettings.update': ((input, { caller }) => groupSettings.update(caller, input)) satisfies Handler<'groupSettings.update'>,
    },
  });
}
