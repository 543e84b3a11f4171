import { complaintsContract } from '../../../src-shared/contract/index.js';
import type { Handler } from '../../core/context.js';
import { defineDomain, type StationBase } from '../../core/domain.js';
import type { Attachments } from '../attachments/attachments.js';
import { type ComplaintClocks, Complaints, type ResolutionSurveys } from './complaints.js';

/**
 * Complaints, inquiries and compliments (issue 12; docs/complaints-design.md):
 * filed by staff, moved along their workflow, assigned, classified and
 * annotated, each change on the record's timeline; a resolved complaint
 * asks the patient how it was handled (the surveys work).
 */
export function complaintsDomain(base: StationBase, surveys: ResolutionSurveys, clocks: ComplaintClocks, attachments: Attachments) {
  const complaints = new Complaints(base.store, base.data, base.stationId, surveys, clocks, attachments);
  return defineDomain({
    name: 'complaints',
    calls: complaintsContract,
    services: { complaints },
    handlers: {
      'complaints.list': ((input, { caller }) => complaints.list(caller, input)) satisfies Handler<'complaints.list'>,
      'complaints.get': ((input, { caller }) => complaints.get(caller, input.id)) satisfies Handler<'complaints.get'>,
      'complaints.create': ((input, { caller }) => complaints.create(caller, input)) satisfies Handler<'complaints.create'>,
      'complaints.move': ((input, { caller }) => complaints.move(caller, input)) satisfies Handler<'complaints.move'>,
      'complaints.assign': ((input, { caller }) => complaints.assign(caller, input)) satisfies Handler<'complaints.assign'>,
      'complaints.assignMany': ((input, { caller }) => complaints.assignMany(caller, input)) satisfies Handler<'complaints.assignMany'>,
      'complaints.assignees': ((input) => complaints.assignees(input.hospitalId, input.departmentId)) satisfies Handler<'complaints.assignees'>,
      'complaints.note': ((input, { caller }) => complaints.note(caller, input)) satisfies Handler<'complaints.note'>,
      'complaints.classify': ((input, { caller }) => complaints.classify(caller, input)) satisfies Handler<'complaints.classify'>,
      'complaints.attach': ((input, { caller }) => complaints.attach(caller, input)) satisfies Handler<'complaints.attach'>,
      'complaints.openAttachment': ((input, { caller }) => complaints.openAttachment(caller, input)) satisfies Handler<'complaints.openAttachment'>,
      'complaints.removeAttachment': ((input, { caller }) => complaints.removeAttachment(caller, input)) satisfies Handler<'complaints.removeAttachment'>,
    },
  });
}
