import { organizationsContract } from '../../../src-shared/contract/index.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import { organizationsHandlers } from './handlers.js';
import { PatientsService } from './patients.js';
import { StaffService } from './staff.js';
import { StructureService } from './structure.js';

/** Organizations: the group's hospitals and departments, its physicians and employees, and the patients. */
export function organizationsDomain(base: StationBase) {
  const structure = new StructureService(base.store, base.data);
  const staff = new StaffService(base.store, base.data, structure);
  const patients = new PatientsService(base.store, base.data, structure);
  return defineDomain({
    name: 'organizations',
    calls: organizationsContract,
    services: { structure, staff, patients },
    handlers: organizationsHandlers(structure, staff, patients),
  });
}
