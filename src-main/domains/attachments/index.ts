import { defineDomain, type StationBase } from '../../core/domain.js';
import { Attachments } from './attachments.js';

/**
 * Files on complaints and PX actions (docs/attachments.md): the contents in
 * the data folder by hash and their rows. The complaints and actions
 * domains answer the calls (they know who may touch their records); the
 * sync rounds carry the contents to and from the hub.
 */
export function attachmentsDomain(base: StationBase) {
  const attachments = new Attachments(base.store, base.data, base.dataDir);
  return defineDomain({ name: 'attachments', calls: {}, services: { attachments }, handlers: {} });
}
