import { COMPLAINT_QUEUES } from '../../../src-shared/contract/complaints.js';
import type { CallInput } from '../../../src-shared/contract/index.js';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_TYPES,
  HCAT_CATEGORY_CODES,
  type ComplaintChannel,
  type ComplaintType,
} from '../../../src-shared/complaints/taxonomy.js';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../../../src-shared/complaints/workflow.js';
import { UUID_PATTERN } from '../../../src-shared/ids.js';
import { isDay, oneOf, pageParam } from '../../kit/address.js';

/**
 * What the complaints list shows, kept in the address
 * (`#/complaints?queue=mine&status=open&q=…`): a queue or a filtered view
 * can be bookmarked, sent to a colleague, and survives a reload. Anything
 * in the address that is not a value the station accepts is dropped, never
 * sent.
 */

export const COMPLAINTS_PATH = '/complaints';
export const NEW_COMPLAINT_PATH = '/complaints/new';

export function complaintPath(id: string): string {
  return `${COMPLAINTS_PATH}/${encodeURIComponent(id)}`;
}

export type Queue = (typeof COMPLAINT_QUEUES)[number];

/** The queues in the order the list offers them: the open work first. */
export const QUEUES: readonly Queue[] = ['open', 'mine', 'team', 'unassigned', 'overdue', 'due_today', 'closed', 'all'];

export interface ComplaintFilter {
  queue: Queue;
  hospitalId?: string;
  departmentId?: string;
  status?: ComplaintStatus;
  type?: ComplaintType;
  channel?: ComplaintChannel;
  hcatCategory?: string;
  /** a complaint number, an MRN or the start of a complainant's name */
  q?: string;
  /** calendar days, `YYYY-MM-DD`, of the day the complaint was received */
  from?: string;
  to?: string;
  page: number;
}

/** The address's name of each field: short, and the same as the other areas' lists. */
const PARAM = {
  queue: 'queue',
  hospitalId: 'hospital',
  departmentId: 'department',
  status: 'status',
  type: 'type',
  channel: 'channel',
  hcatCategory: 'category',
  q: 'q',
  from: 'from',
  to: 'to',
  page: 'page',
} as const satisfies Record<keyof ComplaintFilter, string>;

export function readFilter(params: URLSearchParams): ComplaintFilter {
  const filter: ComplaintFilter = { queue: oneOf(COMPLAINT_QUEUES, params.get(PARAM.queue)) ?? 'open', page: pageParam(params, PARAM.page) };
  for (const field of ['hospitalId', 'departmentId'] as const) {
    const value = params.get(PARAM[field]);
    if (value !== null && UUID_PATTERN.test(value)) filter[field] = value;
  }
  const status = oneOf(COMPLAINT_STATUSES, params.get(PARAM.status));
  if (status) filter.status = status;
  const type = oneOf(COMPLAINT_TYPES, params.get(PARAM.type));
  if (type) filter.type = type;
  const channel = oneOf(COMPLAINT_CHANNELS, params.get(PARAM.channel));
  if (channel) filter.channel = channel;
  const category = oneOf(HCAT_CATEGORY_CODES, params.get(PARAM.hcatCategory));
  if (category) filter.hcatCategory = category;
  const q = params.get(PARAM.q)?.trim().slice(0, 80);
  if (q) filter.q = q;
  const from = params.get(PARAM.from);
  const to = params.get(PARAM.to);
  if (isDay(from)) filter.from = from;
  if (isDay(to)) filter.to = to;
  return filter;
}

/** A filter typed into a form (text in every field, '' for nothing chosen), read through the address's own rules. */
export function readFormFilter(values: Partial<Record<keyof ComplaintFilter, string>>): ComplaintFilter {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM) as [keyof ComplaintFilter, string][]) {
    const value = values[field];
    if (value) params.set(name, value);
  }
  return readFilter(params);
}

/** The list's path for a filter, in a fixed order; the open queue, page 1 and empty values are left out. */
export function withFilter(filter: Partial<ComplaintFilter>): string {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM) as [keyof ComplaintFilter, string][]) {
    const value = filter[field];
    if (value === undefined || value === '' || (field === 'page' && value === 1) || (field === 'queue' && value === 'open')) continue;
    params.set(name, String(value));
  }
  const query = params.toString();
  return query ? `${COMPLAINTS_PATH}?${query}` : COMPLAINTS_PATH;
}

/** The input of `complaints.list` for a filter: only what is set. */
export function listInput(filter: ComplaintFilter, pageSize: number): CallInput<'complaints.list'> {
  const defined = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined));
  return { ...defined, pageSize } as CallInput<'complaints.list'>;
}

/** Whether the reader narrowed the queue (an empty queue says "none in this queue", a filtered one "none matches"). */
export function isFiltered(filter: ComplaintFilter): boolean {
  const { queue: _queue, page: _page, ...rest } = filter;
  return Object.values(rest).some((value) => value !== undefined);
}
