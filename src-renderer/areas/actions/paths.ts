import { PX_ACTION_SOURCES, type PxActionSource } from '../../../src-shared/complaints/workflow.js';
import { UUID_PATTERN } from '../../../src-shared/ids.js';
import { oneOf } from '../../kit/address.js';

/**
 * Where the PX Action Center's screens are, and what a new action may be
 * opened with from elsewhere (`#/actions/new?source=complaint&ref=CMP-…`):
 * the complaint screen sends its number, so the action is linked to it.
 * What the address holds is only taken when the station would take it.
 */

export const ACTIONS_PATH = '/actions';
export const NEW_ACTION_PATH = '/actions/new';
export const actionPath = (id: string) => `${ACTIONS_PATH}/${encodeURIComponent(id)}`;

/** The sources a person may open an action from (a negative survey opens its own). */
export const MANUAL_SOURCES = PX_ACTION_SOURCES.filter((s) => s !== 'survey');

export interface ActionPrefill {
  sourceType?: Exclude<PxActionSource, 'survey'>;
  /** the complaint's number, or a call's, post's or finding's reference */
  sourceId?: string;
  hospitalId?: string;
}

/** The new-action form's address, opened from a record: `newActionPath({ sourceType: 'complaint', sourceId: 'CMP-…' })`. */
export function newActionPath(prefill: ActionPrefill): string {
  const params = new URLSearchParams();
  if (prefill.sourceType) params.set('source', prefill.sourceType);
  if (prefill.sourceId) params.set('ref', prefill.sourceId);
  if (prefill.hospitalId) params.set('hospital', prefill.hospitalId);
  const query = params.toString();
  return query ? `${NEW_ACTION_PATH}?${query}` : NEW_ACTION_PATH;
}

/** What the address asks the new-action form to start with; anything the station would refuse is dropped. */
export function readActionPrefill(params: URLSearchParams): ActionPrefill {
  const sourceType = oneOf(MANUAL_SOURCES, params.get('source'));
  const ref = params.get('ref')?.trim() ?? '';
  const hospital = params.get('hospital');
  return {
    ...(sourceType ? { sourceType } : {}),
    ...(ref && ref.length <= 120 ? { sourceId: ref } : {}),
    ...(hospital && UUID_PATTERN.test(hospital) ? { hospitalId: hospital } : {}),
  };
}
