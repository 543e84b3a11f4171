import { z } from 'zod';
import { EVENT_CODES } from '../his-events.js';
import { parsePeer } from '../net-address.js';
import { code, id, nameEn, ok, paged, paging, timestamp } from './common.js';
import { mutation, query } from './define.js';

/**
 * Events a minute a new source may send (a token bucket holding a minute's
 * worth): a busy hospital's HIS sends a few hundred ADT and result messages
 * a minute at its peak, and the largest batch (1,000 events) still fits.
 */
export const DEFAULT_RATE_PER_MINUTE = 1_200;
export const MAX_RATE_PER_MINUTE = 1_000_000;
/** How many hospitals one source may be bound to, and how many peers it may list. */
export const MAX_SOURCE_HOSPITALS = 64;
export const MAX_MLLP_PEERS = 32;

const sourceSystem = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9_-]{2,32}$/, { error: 'field.code' });

/** An address or CIDR range MLLP may come from, as the station compares it (`::ffff:10.1.2.3` is `10.1.2.3`). */
export const mllpPeer = z
  .string()
  .trim()
  .max(64)
  .transform((value, ctx) => {
    const peer = parsePeer(value);
    if (!peer) {
      ctx.addIssue({ code: 'custom', message: 'field.peer_address' });
      return z.NEVER;
    }
    return peer.kind === 'address' ? peer.address : `${peer.address}/${peer.prefix}`;
  });

/**
 * A TLS client certificate's SHA-256 fingerprint as `openssl x509 -noout
 * -fingerprint -sha256` prints it (`sha256 Fingerprint=AB:CD:…`) or as bare
 * hex; kept as 64 upper-case hex digits.
 */
export const certificateFingerprint = z
  .string()
  .trim()
  .max(200)
  .transform((value) => value.replace(/^.*=/, '').replace(/[:\s]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[0-9A-F]{64}$/, { error: 'field.fingerprint' }));

export const integrationSourceSchema = z.object({
  id,
  name: z.string(),
  sourceSystem: z.string(),
  tokenHint: z.string(),
  signed: z.boolean(),
  rateLimitPerMinute: z.number().int(),
  enabled: z.boolean(),
  lastSeenAt: timestamp.nullable(),
  createdAt: timestamp,
  /** the hospital codes it may send for; none: nothing is accepted from it until it is bound */
  hospitalCodes: z.array(z.string()),
  /** where MLLP may come from; none: MLLP is off for it */
  mllpPeers: z.array(z.string()),
  mllpCertSha256: z.string().nullable(),
});
export type IntegrationSource = z.infer<typeof integrationSourceSchema>;

/** Shown once: the token (and HMAC secret) are never readable again. */
export const issuedCredentialsSchema = z.object({ source: integrationSourceSchema, token: z.string(), hmacSecret: z.string().nullable() });

export const eventMappingSchema = z.object({ id, sourceSystem: z.string(), externalCode: z.string(), eventCode: z.enum(EVENT_CODES), updatedAt: timestamp });
export type EventMapping = z.infer<typeof eventMappingSchema>;

export const INBOUND_STATUSES = ['pending', 'processed', 'failed', 'quarantined'] as const;
export const inboundEventSchema = z.object({
  id,
  seq: z.number().int(),
  sourceSystem: z.string(),
  externalId: z.string(),
  format: z.enum(['json', 'hl7']),
  externalCode: z.string(),
  eventCode: z.string().nullable(),
  hospitalCode: z.string().nullable(),
  encounterId: z.string().nullable(),
  occurredAt: timestamp,
  receivedAt: timestamp,
  status: z.enum(INBOUND_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: timestamp.nullable(),
  error: z.object({ key: z.string(), message: z.object({ en: z.string(), ar: z.string() }) }).nullable(),
  processedAt: timestamp.nullable(),
  journeyInstanceId: id.nullable(),
  /** the address it came from */
  peerAddress: z.string().nullable(),
});
export type InboundEvent = z.infer<typeof inboundEventSchema>;

export const inboundEventDetailSchema = inboundEventSchema.extend({ body: z.record(z.string(), z.unknown()), raw: z.string().nullable() });

export const integrationsContract = {
  'integrations.list': query({
    access: 'integrations.manage',
    summary: 'Integration sources allowed to push events: every one for the group, those bound to exactly my hospital for a hospital.',
    input: z.strictObject({}),
    output: z.array(integrationSourceSchema),
  }),
  'integrations.create': mutation({
    access: 'integrations.manage',
    summary:
      'Add a source; answers its bearer token (and HMAC secret) once. A hospital binds it to itself only; several hospitals, or none, are for the group.',
    input: z.strictObject({
      name: nameEn,
      sourceSystem,
      rateLimitPerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE).default(DEFAULT_RATE_PER_MINUTE),
      signed: z.boolean().default(false),
      /** omitted: the caller's own hospital (none for a group user) */
      hospitalCodes: z.array(code).max(MAX_SOURCE_HOSPITALS).optional(),
      mllpPeers: z.array(mllpPeer).max(MAX_MLLP_PEERS).default([]),
      mllpCertSha256: certificateFingerprint.nullable().default(null),
    }),
    output: issuedCredentialsSchema,
  }),
  'integrations.update': mutation({
    access: 'integrations.manage',
    summary: 'Rename, change the rate limit, hospitals or MLLP peers, enable or disable a source.',
    input: z.strictObject({
      id,
      name: nameEn.optional(),
      rateLimitPerMinute: z.number().int().min(1).max(MAX_RATE_PER_MINUTE).optional(),
      enabled: z.boolean().optional(),
      hospitalCodes: z.array(code).max(MAX_SOURCE_HOSPITALS).optional(),
      mllpPeers: z.array(mllpPeer).max(MAX_MLLP_PEERS).optional(),
      mllpCertSha256: certificateFingerprint.nullable().optional(),
    }),
    output: integrationSourceSchema,
  }),
  'integrations.rotateToken': mutation({
    access: 'integrations.manage',
    summary: 'Issue a new token (the old one stops at once); optionally a new HMAC secret, or stop signing.',
    input: z.strictObject({ id, hmac: z.enum(['keep', 'new', 'none']).default('keep') }),
    output: issuedCredentialsSchema,
  }),
  'mappings.list': query({
    access: 'integrations.manage',
    summary: 'A source’s table from external codes to station event codes.',
    input: z.strictObject({ sourceSystem }),
    output: z.array(eventMappingSchema),
  }),
  'mappings.save': mutation({
    access: 'integrations.manage',
    summary: 'Add or change one mapping (external code, optionally `CODE:patient-class`).',
    input: z.strictObject({
      sourceSystem,
      externalCode: z.string().trim().toUpperCase().min(1).max(64),
      eventCode: z.enum(EVENT_CODES),
    }),
    output: eventMappingSchema,
  }),
  'mappings.remove': mutation({ access: 'integrations.manage', summary: 'Remove a mapping.', input: z.strictObject({ id }), output: ok }),
  'events.list': query({
    access: 'integrations.manage',
    summary: 'The event monitor: received events, newest first.',
    input: z.strictObject({
      ...paging,
      status: z.enum(INBOUND_STATUSES).optional(),
      sourceSystem: z.string().trim().max(32).optional(),
      code: z.string().trim().max(64).optional(),
      q: z.string().trim().max(80).optional(),
      from: timestamp.optional(),
      to: timestamp.optional(),
    }),
    output: paged(inboundEventSchema).extend({ counts: z.record(z.enum(INBOUND_STATUSES), z.number().int()) }),
  }),
  'events.get': query({
    access: 'integrations.manage',
    summary: 'One event with its raw payload.',
    input: z.strictObject({ id }),
    output: inboundEventDetailSchema,
  }),
  'events.reprocess': mutation({
    access: 'integrations.manage',
    summary: 'Queue failed or quarantined events for another attempt now.',
    input: z.strictObject({ ids: z.array(id).min(1).max(1000) }),
    output: z.object({ queued: z.number().int() }),
  }),
} as const;
