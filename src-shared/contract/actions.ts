import { z } from 'zod';
import { PRIORITIES } from '../complaints/taxonomy.js';
import { PX_ACTION_SOURCES, PX_ACTION_STATUSES, PX_ACTION_VERBS } from '../complaints/workflow.js';
import { id, isoDate, paged, paging, safeText, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';
import { complaintAssigneeSchema } from './complaints.js';
import { slaBadgeSchema, slaClockSchema } from './sla.js';
import { attachmentContentSchema, attachmentRemoval, attachmentSchema, attachmentUpload } from './attachments.js';

/** The PX Action Center (issue 12; docs/complaints-design.md): improvement actions, their workflow, evidence and approval. */

export const pxActionSummarySchema = z.object({
  id,
  number: z.string(),
  hospitalId: id,
  title: z.string(),
  sourceType: z.enum(PX_ACTION_SOURCES),
  sourceId: z.string().nullable(),
  sourceLabel: z.string().nullable(),
  departmentId: id.nullable(),
  ownerUserId: id.nullable(),
  ownerName: z.object({ en: z.string(), ar: z.string() }).nullable(),
  priority: z.enum(PRIORITIES),
  status: z.enum(PX_ACTION_STATUSES),
  dueDate: isoDate.nullable(),
  evidenceRequired: z.boolean(),
  evidenceCount: z.number().int(),
  /** who asked for approval, while it waits for it (they may not approve it) */
  submittedByUserId: id.nullable(),
  createdAt: timestamp,
  sla: slaBadgeSchema.nullable(),
});
export type PxActionSummary = z.infer<typeof pxActionSummarySchema>;

export const pxActionEventSchema = z.object({
  id,
  kind: z.enum(['created', 'status', 'note', 'evidence', 'assignment', 'sla', 'attachment']),
  fromStatus: z.enum(PX_ACTION_STATUSES).nullable(),
  toStatus: z.enum(PX_ACTION_STATUSES).nullable(),
  text: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string(),
  at: timestamp,
});
export type PxActionEvent = z.infer<typeof pxActionEventSchema>;

export const pxActionDetailSchema = pxActionSummarySchema.extend({
  description: z.string().nullable(),
  approvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  /** what the signed-in person may do with it now */
  verbs: z.array(z.enum(PX_ACTION_VERBS)),
  clocks: z.array(slaClockSchema),
  /** its files: evidence, shown to the approver */
  attachments: z.array(attachmentSchema),
  timeline: z.array(pxActionEventSchema),
});
export type PxActionDetail = z.infer<typeof pxActionDetailSchema>;

export const ACTION_QUEUES = ['all', 'open', 'mine', 'unassigned', 'approval'] as const;

export const actionsContract = {
  'actions.list': query({
    access: 'actions.read',
    summary: 'PX actions, newest first: a queue (open, mine, unassigned, waiting for approval) and filters; the board reads every open status at once.',
    input: z.strictObject({
      ...paging,
      hospitalId: hospitalRef.optional(),
      departmentId: departmentRef.optional(),
      queue: z.enum(ACTION_QUEUES).default('open'),
      status: z.enum(PX_ACTION_STATUSES).optional(),
      sourceType: z.enum(PX_ACTION_SOURCES).optional(),
      /** the record it came from (a complaint's id, a survey response's) */
      sourceId: id.optional(),
      /** an action number, or words of its title */
      q: z.string().trim().max(80).optional(),
    }),
    output: paged(pxActionSummarySchema),
  }),
  'actions.get': query({
    access: 'actions.read',
    summary: 'One PX action with its timeline, evidence, clocks and the moves the signed-in person may make.',
    input: z.strictObject({ id }),
    output: pxActionDetailSchema,
  }),
  'actions.create': mutation({
    access: 'actions.write',
    summary: 'Opens a PX action by hand, from a complaint, a call, a social mention, a QI finding, or on its own.',
    input: z.strictObject({
      hospitalId: hospitalRef,
      title: safeText(200),
      description: safeText(4000).optional(),
      sourceType: z.enum(PX_ACTION_SOURCES).exclude(['survey']).default('manual'),
      /** the complaint's id for a complaint; free reference text for a call, a mention or a QI finding */
      sourceId: safeText(120).optional(),
      departmentId: departmentRef.optional(),
      ownerUserId: id.optional(),
      priority: z.enum(PRIORITIES).default('medium'),
      dueDate: isoDate.optional(),
      evidenceRequired: z.boolean().default(true),
    }),
    output: pxActionDetailSchema,
  }),
  'actions.move': mutation({
    access: 'actions.write',
    summary:
      'Moves an action: start, submit for approval (with evidence where required), approve or reject (a PX Coordinator or above, not the owner), close, cancel.',
    input: z.strictObject({ id, verb: z.enum(PX_ACTION_VERBS), reason: safeText(2000).optional() }),
    output: pxActionDetailSchema,
  }),
  'actions.assign': mutation({
    access: 'actions.write',
    summary: 'Gives an action an owner (or none), a department, a priority or a due date.',
    input: z.strictObject({
      id,
      ownerUserId: id.nullable().optional(),
      departmentId: departmentRef.nullable().optional(),
      priority: z.enum(PRIORITIES).optional(),
      dueDate: isoDate.nullable().optional(),
    }),
    output: pxActionDetailSchema,
  }),
  'actions.owners': query({
    access: 'actions.write',
    summary:
      'Who may own an action of a hospital: its active users (and the group’s) whose role works on PX actions, by name; given the action’s department, only those who can open it.',
    input: z.strictObject({ hospitalId: hospitalRef, departmentId: departmentRef.nullable().optional() }),
    output: z.array(complaintAssigneeSchema),
  }),
  'actions.note': mutation({
    access: 'actions.write',
    summary: 'Adds a note to the action’s timeline; evidence (what was done, shown to the approver) counts toward approval.',
    input: z.strictObject({ id, text: safeText(4000), evidence: z.boolean().default(false) }),
    output: pxActionDetailSchema,
  }),
  'actions.attach': mutation({
    access: 'actions.write',
    summary: 'Attaches a file to an action as evidence (a photo of the fix, a signed form): checked by content and size before it is stored.',
    input: z.strictObject({ id, ...attachmentUpload }),
    output: pxActionDetailSchema,
  }),
  'actions.openAttachment': mutation({
    access: 'actions.read',
    summary: 'The content of one of an action’s files, to show or save (audited).',
    input: z.strictObject({ id, attachmentId: id }),
    output: attachmentContentSchema,
  }),
  'actions.removeAttachment': mutation({
    access: 'actions.write',
    summary: 'Takes a file off an action with a reason, which stays on the timeline.',
    input: z.strictObject({ id, ...attachmentRemoval }),
    output: pxActionDetailSchema,
  }),
};
