import { z } from 'zod';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_TYPES,
  CONTACT_PREFERENCES,
  HARM_LEVELS,
  HCAT_CATEGORY_CODES,
  HCAT_DOMAINS,
  PRIORITIES,
  SEVERITIES,
  STAGES_OF_CARE,
} from '../complaints/taxonomy.js';
import { CLOSE_REASONS, COMPLAINT_STATUSES, RESOLUTION_CATEGORIES, RESOLUTION_OUTCOMES } from '../complaints/workflow.js';
import { email, id, isoDate, language, paged, paging, phone, safeText, timestamp } from './common.js';
import { mutation, query } from './define.js';
import { departmentRef, hospitalRef } from './scoped.js';
import { slaBadgeSchema, slaClockSchema } from './sla.js';
import { attachmentContentSchema, attachmentRemoval, attachmentSchema, attachmentUpload } from './attachments.js';

/** A complaint's text: long enough for a letter, no control characters. */
const description = safeText(8000);
const longText = (max: number) => safeText(max);

export const complaintSummarySchema = z.object({
  id,
  number: z.string(),
  hospitalId: id,
  type: z.enum(COMPLAINT_TYPES),
  channel: z.enum(COMPLAINT_CHANNELS),
  status: z.enum(COMPLAINT_STATUSES),
  priority: z.enum(PRIORITIES),
  severity: z.number().int().nullable(),
  hcatCategory: z.enum(HCAT_CATEGORY_CODES as [string, ...string[]]).nullable(),
  departmentId: id.nullable(),
  patient: z.object({ id, mrn: z.string(), nameEn: z.string(), nameAr: z.string() }).nullable(),
  complainantName: z.string().nullable(),
  /** the start of the description, in the complaint's own language */
  excerpt: z.string(),
  assignedUserId: id.nullable(),
  assignedUserName: z.string().nullable(),
  receivedAt: timestamp,
  resolvedAt: timestamp.nullable(),
  closedAt: timestamp.nullable(),
  /** the SLA clock of most concern, in business time (null: a compliment, or a deleted record) */
  sla: slaBadgeSchema.nullable(),
});
export type ComplaintSummary = z.infer<typeof complaintSummarySchema>;

export const complaintEventSchema = z.object({
  id,
  kind: z.enum(['created', 'status', 'note', 'assignment', 'classification', 'duplicate', 'sla', 'attachment']),
  visibility: z.enum(['internal', 'patient']),
  fromStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  toStatus: z.enum(COMPLAINT_STATUSES).nullable(),
  text: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  actorName: z.string(),
  at: timestamp,
});
export type ComplaintEvent = z.infer<typeof complaintEventSchema>;

export const complaintDetailSchema = complaintSummarySchema.extend({
  physicianId: id.nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPreference: z.enum(CONTACT_PREFERENCES),
  language,
  descriptionAr: z.string().nullable(),
  descriptionEn: z.string().nullable(),
  hcatDomain: z.enum(HCAT_DOMAINS).nullable(),
  subcategory: z.string().nullable(),
  harmLevel: z.enum(HARM_LEVELS).nullable(),
  stageOfCare: z.enum(STAGES_OF_CARE).nullable(),
  occurredAt: timestamp.nullable(),
  assignedDepartmentId: id.nullable(),
  firstResponseAt: timestamp.nullable(),
  resolutionOutcome: z.enum(RESOLUTION_OUTCOMES).nullable(),
  resolutionCategory: z.enum(RESOLUTION_CATEGORIES).nullable(),
  /** the MRN a source reported when no patient record matched it */
  reportedMrn: z.string().nullable(),
  resolutionSummary: z.string().nullable(),
  closeReason: z.enum(CLOSE_REASONS).nullable(),
  duplicateOf: z.object({ id, number: z.string() }).nullable(),
  reopenedCount: z.number().int(),
  sourceSystem: z.string().nullable(),
  externalId: z.string().nullable(),
  /** the statuses this complaint may move to now (the console offers these) */
  moves: z.array(z.enum(COMPLAINT_STATUSES)),
  /** its SLA clocks: to the first response and to resolution */
  clocks: z.array(slaClockSchema),
  /** its files, oldest first (taken-off ones are on the timeline only) */
  attachments: z.array(attachmentSchema),
  timeline: z.array(complaintEventSchema),
});
export type ComplaintDetail = z.infer<typeof complaintDetailSchema>;

const classification = {
  hcatCategory: z
    .enum(HCAT_CATEGORY_CODES as [string, ...string[]])
    .nullable()
    .optional(),
  subcategory: z.string().trim().max(80).nullable().optional(),
  severity: z.number().int().min(SEVERITIES[0]).max(SEVERITIES.at(-1)!).nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  harmLevel: z.enum(HARM_LEVELS).nullable().optional(),
  stageOfCare: z.enum(STAGES_OF_CARE).nullable().optional(),
};

/** Someone a complaint may be given to. */
export const complaintAssigneeSchema = z.object({ id, username: z.string(), nameEn: z.string(), nameAr: z.string(), departmentId: id.nullable() });
export type ComplaintAssignee = z.infer<typeof complaintAssigneeSchema>;

export const COMPLAINT_QUEUES = ['all', 'open', 'mine', 'team', 'unassigned', 'overdue', 'due_today', 'closed'] as const;

export const complaintsContract = {
  'complaints.list': query({
    access: 'complaints.read',
    summary:
      'Complaints, inquiries and compliments, newest first: a queue (open, mine, my team, unassigned, overdue, due today, closed) and filters. Overdue and due today go by the SLA clocks in business time.',
    input: z.strictObject({
      ...paging,
      hospitalId: hospitalRef.optional(),
      departmentId: departmentRef.optional(),
      queue: z.enum(COMPLAINT_QUEUES).default('open'),
      status: z.enum(COMPLAINT_STATUSES).optional(),
      type: z.enum(COMPLAINT_TYPES).optional(),
      channel: z.enum(COMPLAINT_CHANNELS).optional(),
      hcatCategory: z.enum(HCAT_CATEGORY_CODES as [string, ...string[]]).optional(),
      /** a complaint number, an MRN, or the start of a complainant's name */
      q: z.string().trim().max(80).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    output: paged(complaintSummarySchema),
  }),
  'complaints.get': query({
    access: 'complaints.read',
    summary: 'One complaint with its timeline and the moves it allows now.',
    input: z.strictObject({ id }),
    output: complaintDetailSchema,
  }),
  'complaints.create': mutation({
    access: 'complaints.write',
    summary: 'Files a complaint, an inquiry or a compliment; it gets its number at once.',
    input: z
      .strictObject({
        hospitalId: hospitalRef,
        departmentId: departmentRef.optional(),
        physicianId: id.optional(),
        patientId: id.optional(),
        complainantName: safeText(120).optional(),
        contactPhone: phone.optional(),
        contactEmail: email.optional(),
        contactPreference: z.enum(CONTACT_PREFERENCES).default('phone'),
        language: language.default('ar'),
        type: z.enum(COMPLAINT_TYPES).default('complaint'),
        channel: z.enum(COMPLAINT_CHANNELS),
        descriptionAr: description.optional(),
        descriptionEn: description.optional(),
        /** an instant with its offset; not in the future (checked on the station's clock) */
        occurredAt: z.iso.datetime({ offset: true }).optional(),
        ...classification,
      })
      .superRefine((input, ctx) => {
        if (!input.descriptionAr && !input.descriptionEn) ctx.addIssue({ code: 'custom', path: ['descriptionAr'], message: 'field.complaint_description' });
      }),
    output: complaintDetailSchema,
  }),
  'complaints.move': mutation({
    access: 'complaints.write',
    summary: 'Moves a complaint along its workflow (src-shared/complaints/workflow.ts): each move says what it needs.',
    input: z.strictObject({
      id,
      to: z.enum(COMPLAINT_STATUSES),
      reason: longText(2000).optional(),
      resolutionOutcome: z.enum(RESOLUTION_OUTCOMES).optional(),
      resolutionCategory: z.enum(RESOLUTION_CATEGORIES).optional(),
      resolutionSummary: longText(4000).optional(),
      closeReason: z.enum(CLOSE_REASONS).optional(),
      duplicateOf: id.optional(),
    }),
    output: complaintDetailSchema,
  }),
  'complaints.assign': mutation({
    access: 'complaints.write',
    summary: 'Assigns a complaint to a person, a team (a department), or nobody.',
    input: z.strictObject({ id, userId: id.nullable(), departmentId: departmentRef.nullable().optional() }),
    output: complaintDetailSchema,
  }),
  'complaints.assignMany': mutation({
    access: 'complaints.write',
    summary: 'Assigns several complaints of one hospital at once (a queue worked in bulk) to a person, a team, or both; each on its own timeline.',
    input: z.strictObject({
      ids: z.array(id).min(1).max(100),
      userId: id.nullable(),
      departmentId: departmentRef.nullable().optional(),
    }),
    output: z.object({ assigned: z.number().int(), unchanged: z.number().int() }),
  }),
  'complaints.assignees': query({
    access: 'complaints.write',
    summary:
      'Who a complaint of a hospital may be given to: its active users (and the group’s) whose role handles complaints; given the complaint’s department, only those who can open it.',
    input: z.strictObject({ hospitalId: hospitalRef, departmentId: departmentRef.nullable().optional() }),
    output: z.array(complaintAssigneeSchema),
  }),
  'complaints.note': mutation({
    access: 'complaints.write',
    summary: 'Adds a note to the timeline: internal, or one the complainant may read (which is the first response if none was).',
    input: z.strictObject({ id, text: longText(4000), visibility: z.enum(['internal', 'patient']).default('internal') }),
    output: complaintDetailSchema,
  }),
  'complaints.classify': mutation({
    access: 'complaints.write',
    summary:
      'Sets the HCAT category (its domain follows), subcategory, severity, priority, harm, stage of care, department or physician, or links the patient (one filed without a patient record, by the website or a 937 referral).',
    input: z.strictObject({
      id,
      departmentId: departmentRef.nullable().optional(),
      physicianId: id.nullable().optional(),
      /** the patient the complaint is about, once found: a complaint filed without one gets its resolution survey then */
      patientId: id.optional(),
      ...classification,
    }),
    output: complaintDetailSchema,
  }),
  'complaints.attach': mutation({
    access: 'complaints.write',
    summary: 'Attaches a file (a letter, a photo, a report) to a complaint: its type is read from its content and its size checked before it is stored.',
    input: z.strictObject({ id, ...attachmentUpload }),
    output: complaintDetailSchema,
  }),
  'complaints.openAttachment': mutation({
    access: 'complaints.read',
    summary: 'The content of one of a complaint’s files, to show or save (audited: it is a patient’s record).',
    input: z.strictObject({ id, attachmentId: id }),
    output: attachmentContentSchema,
  }),
  'complaints.removeAttachment': mutation({
    access: 'complaints.write',
    summary: 'Takes a file off a complaint (attached by mistake) with a reason, which stays on the timeline; its content is deleted where no record holds it.',
    input: z.strictObject({ id, ...attachmentRemoval }),
    output: complaintDetailSchema,
  }),
};
