import type { CallInput } from '../../../src-shared/contract/index.js';
import { UUID_PATTERN } from '../../../src-shared/ids.js';
import { isDay, oneOf, pageParam } from '../../kit/address.js';
import { INSTANCE_CHANNELS, INSTANCE_STATUSES, MESSAGE_STATUSES, type InstanceChannel, type MessageStatus } from '../../../src-shared/tables/surveys.js';

/**
 * What the surveys screens filter by, kept in the address (`#/surveys?hospital=…&from=…`):
 * a filtered view can be bookmarked, sent to a colleague, and survives a
 * reload, and the control center hands its filter to the list. Anything in
 * the address that is not a valid value is dropped, never sent to the station.
 */

export const SURVEYS_PATH = '/surveys';
export const RESPONSES_PATH = '/surveys/responses';
export const SEND_PATH = '/surveys/send';
export const MESSAGES_PATH = '/surveys/messages';

export function surveyPath(id: string): string {
  return `${RESPONSES_PATH}/${encodeURIComponent(id)}`;
}

export const LIST_STATUSES = [...INSTANCE_STATUSES, 'expired'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** The control center's filter: every figure, the list and the export read the same one. */
export interface SurveyFilter {
  hospitalId?: string;
  departmentId?: string;
  templateId?: string;
  stageId?: string;
  physicianId?: string;
  channel?: InstanceChannel;
  /** calendar days, `YYYY-MM-DD` */
  from?: string;
  to?: string;
}

/** The list's filter: the control center's, and what only a list has. */
export interface SurveyListFilter extends SurveyFilter {
  status?: ListStatus;
  negative?: boolean;
  /** an MRN */
  q?: string;
  page: number;
}

export interface MessageLogFilter {
  hospitalId?: string;
  status?: MessageStatus;
  page: number;
}

/** The address's name of each field: short, and the same on every screen. */
const PARAM = {
  hospitalId: 'hospital',
  departmentId: 'department',
  templateId: 'template',
  stageId: 'stage',
  physicianId: 'physician',
  channel: 'channel',
  from: 'from',
  to: 'to',
  status: 'status',
  negative: 'negative',
  q: 'q',
  page: 'page',
} as const;

const ID_FIELDS = ['hospitalId', 'departmentId', 'templateId', 'stageId', 'physicianId'] as const;

export function readFilter(params: URLSearchParams): SurveyFilter {
  const filter: SurveyFilter = {};
  for (const field of ID_FIELDS) {
    const value = params.get(PARAM[field]);
    if (value !== null && UUID_PATTERN.test(value)) filter[field] = value;
  }
  const channel = oneOf(INSTANCE_CHANNELS, params.get(PARAM.channel));
  if (channel) filter.channel = channel;
  const from = params.get(PARAM.from);
  const to = params.get(PARAM.to);
  if (isDay(from)) filter.from = from;
  if (isDay(to)) filter.to = to;
  return filter;
}

export function readListFilter(params: URLSearchParams): SurveyListFilter {
  const filter: SurveyListFilter = { ...readFilter(params), page: pageParam(params, PARAM.page) };
  const status = oneOf(LIST_STATUSES, params.get(PARAM.status));
  if (status) filter.status = status;
  const negative = params.get(PARAM.negative);
  if (negative === 'yes' || negative === 'no') filter.negative = negative === 'yes';
  const q = params.get(PARAM.q)?.trim().slice(0, 80);
  if (q) filter.q = q;
  return filter;
}

export function readMessageFilter(params: URLSearchParams): MessageLogFilter {
  const filter: MessageLogFilter = { page: pageParam(params, PARAM.page) };
  const hospital = params.get(PARAM.hospitalId);
  if (hospital !== null && UUID_PATTERN.test(hospital)) filter.hospitalId = hospital;
  const status = oneOf(MESSAGE_STATUSES, params.get(PARAM.status));
  if (status) filter.status = status;
  return filter;
}

/** A filter typed into a form (text fields named as the filter's, '' for nothing chosen), read through the address's own rules. */
export function readFormFilter(values: Partial<Record<keyof typeof PARAM, string>>): SurveyListFilter {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const value = values[field];
    if (value) params.set(name, value);
  }
  return readListFilter(params);
}

/** A path with a filter as its query, in a fixed order; page 1 and empty values are left out. */
export function withFilter(path: string, filter: Partial<SurveyListFilter> | Partial<MessageLogFilter>): string {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM) as [keyof typeof PARAM, string][]) {
    const value = (filter as Partial<Record<keyof typeof PARAM, string | number | boolean | undefined>>)[field];
    if (value === undefined || value === '' || (field === 'page' && value === 1)) continue;
    params.set(name, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value));
  }
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Only the control center's part of a filter: what the figures and the export take. */
export function figuresInput(filter: SurveyFilter): CallInput<'surveys.figures'> {
  const { hospitalId, departmentId, templateId, stageId, physicianId, channel, from, to } = filter;
  return Object.fromEntries(
    Object.entries({ hospitalId, departmentId, templateId, stageId, physicianId, channel, from, to }).filter(([, value]) => value !== undefined),
  ) as CallInput<'surveys.figures'>;
}

/** The input of `surveys.export` for a filter: the list's status, negative flag and MRN too, so the file holds what the list shows. */
export function exportInput(filter: SurveyFilter | Omit<SurveyListFilter, 'page'>): Omit<CallInput<'surveys.export'>, 'format'> {
  const { status, negative, q } = filter as Partial<SurveyListFilter>;
  return {
    ...figuresInput(filter),
    ...(status === undefined ? {} : { status }),
    ...(negative === undefined ? {} : { negative }),
    ...(q === undefined ? {} : { q }),
  };
}

/** Whether the reader chose anything (an empty control center says "nothing sent yet", a filtered one "nothing matches"). */
export function isFiltered(filter: SurveyFilter): boolean {
  return Object.keys(figuresInput(filter)).length > 0;
}
