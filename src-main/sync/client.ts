import { gzipSync } from 'node:zlib';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { ATTACHMENT_MAX_BYTES } from '../../src-shared/attachments/files.js';
import type { z } from 'zod';
import {
  type AuditCheckpoint,
  auditAnchorResponseSchema,
  type GroupSummary,
  groupSummarySchema,
  HUB_TIME_HEADER,
  fileAnswerSchema,
  healthSchema,
} from '../../src-shared/hub-api.js';
import {
  enrolAnswerSchema,
  type PullAnswer,
  pullAnswerSchema,
  type PushAnswer,
  pushAnswerSchema,
  type SnapshotAnswer,
  snapshotAnswerSchema,
  type StationScope,
  type SyncMessage,
} from './protocol.js';

/** Why a call to the hub failed, in terms the console can explain. */
export const HUB_FAILURES = ['revoked', 'bad_code', 'already_enrolled', 'unreachable', 'untrusted_hub', 'hub_error'] as const;
/** Each has its message, `sync.<failure>` (src-shared/messages.ts). */
export type HubFailure = (typeof HUB_FAILURES)[number];

export function isHubFailure(value: string | null): value is HubFailure {
  return (HUB_FAILURES as readonly (string | null)[]).includes(value);
}

/** The TLS errors of a hub whose certificate this computer does not trust (or that names another host): not a network outage. */
const CERTIFICATE_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class HubError extends Error {
  constructor(
    readonly reason: HubFailure,
    detail: string,
    /** the hub's HTTP status, when it answered */
    readonly status: number | null = null,
  ) {
    super(detail);
    this.name = 'HubError';
  }
}

const TIMEOUT_MS = 60_000;
/** The group view falls back to its last figures sooner than a sync round gives up. */
const SUMMARY_TIMEOUT_MS = 15_000;

/** The hub's HTTP API (docs/sync-protocol.md), over axios; every answer is parsed before use. */
export class HubClient {
  private readonly http: AxiosInstance;

  constructor(hubUrl: string, token: string | null) {
    this.http = axios.create({
      baseURL: hubUrl.replace(/\/+$/, ''),
      timeout: TIMEOUT_MS,
      headers: token ? { Authorization: `Bearer ${token}` } : {},
      // a hub answer is at most a page of messages; refuse anything absurd
      maxContentLength: 64 * 1024 * 1024,
    });
  }

  /** Sent with the station's current token when it has one here: the hub enrols an enrolled station again only with it. */
  async enrol(input: { code: string; stationId: string; stationName: string }): Promise<{ token: string; scope: StationScope }> {
    try {
      return await this.call(enrolAnswerSchema, () => this.http.post('/api/v1/stations/enrol', input), 'bad_code');
    } catch (error) {
      if (error instanceof HubError && error.status === 409) throw new HubError('already_enrolled', error.message, 409);
      throw error;
    }
  }

  /** One batch, gzip-encoded. The hub stores it all or nothing, and a retry is stored once. */
  async push(messages: readonly SyncMessage[]): Promise<PushAnswer> {
    const body = gzipSync(JSON.stringify({ messages }));
    return this.call(pushAnswerSchema, () =>
      this.http.post('/api/v1/sync/push', body, { headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } }),
    );
  }

  async pull(after: string | null, limit: number): Promise<PullAnswer> {
    return this.call(pullAnswerSchema, () => this.http.get('/api/v1/sync/pull', { params: { after: after ?? '0', limit } }));
  }

  /** A page of the hub's current records, for a new station's catch-up; `from` is the previous page's `next`. */
  async snapshot(from: { table: string; after: string } | null, limit: number): Promise<SnapshotAnswer> {
    return this.call(snapshotAnswerSchema, () => this.http.get('/api/v1/sync/snapshot', { params: { ...from, limit } }));
  }

  /**
   * How far the hub's clock is ahead of `now` (negative: behind), from its
   * health check's `X-PX360-Time` taken halfway through the round trip; null
   * from a hub that does not say.
   */
  async clockOffset(now: () => number): Promise<number | null> {
    const sent = now();
    const answer = await this.call(
      healthSchema,
      () => this.http.get('/health', { validateStatus: (status) => status === 200 || status === 503 }),
      'hub_error',
      true,
    );
    const hubMs = Number(answer.headers[HUB_TIME_HEADER]);
    return Number.isFinite(hubMs) && hubMs > 0 ? Math.round(hubMs - (sent + now()) / 2) : null;
  }

  /** Anchors the audit chain's head (src-main/sync/audit-anchor.ts); 409 when it goes backwards or rewrites the anchored entry. */
  async anchorAudit(checkpoint: AuditCheckpoint): Promise<{ seq: number; mac: string; anchoredAt: string } | null> {
    return (await this.call(auditAnchorResponseSchema, () => this.http.post('/api/v1/audit/anchor', checkpoint))).anchor;
  }

  async auditAnchor(): Promise<{ seq: number; mac: string; anchoredAt: string } | null> {
    return (await this.call(auditAnchorResponseSchema, () => this.http.get('/api/v1/audit/anchor', { timeout: SUMMARY_TIMEOUT_MS }))).anchor;
  }

  /** Records per hospital over the hub's copy of every station's data: a group station's token only (403 otherwise). */
  async groupSummary(): Promise<GroupSummary> {
    return this.call(groupSummarySchema, () => this.http.get('/api/v1/group/summary', { timeout: SUMMARY_TIMEOUT_MS }));
  }

  /**
   * Sends an attachment's content (docs/attachments.md). The hub takes it
   * only for an attachment of this station's scope that it already holds
   * the row of, and checks the hash and the type itself.
   */
  async putFile(sha256: string, bytes: Uint8Array): Promise<void> {
    await this.call(fileAnswerSchema, () =>
      this.http.put(`/api/v1/files/${sha256}`, bytes, { headers: { 'Content-Type': 'application/octet-stream' }, maxBodyLength: ATTACHMENT_MAX_BYTES + 1024 }),
    );
  }

  /** An attachment's content, or null when the hub does not have it (yet) for this station. */
  async getFile(sha256: string): Promise<Buffer | null> {
    try {
      const answer = await this.http.get<ArrayBuffer>(`/api/v1/files/${sha256}`, {
        responseType: 'arraybuffer',
        maxContentLength: ATTACHMENT_MAX_BYTES + 1024,
      });
      return Buffer.from(answer.data);
    } catch (error) {
      if (isAxiosError(error) && error.response?.status === 404) return null;
      // any other failure, as every call's: a HubError the round reports
      await this.call(fileAnswerSchema, () => Promise.reject(error as Error));
      return null;
    }
  }

  private async call<S extends z.ZodType>(schema: S, send: () => Promise<{ data: unknown }>, on4xx?: HubFailure): Promise<z.output<S>>;
  private async call<S extends z.ZodType>(
    schema: S,
    send: () => Promise<{ data: unknown; headers: Record<string, unknown> }>,
    on4xx: HubFailure,
    withHeaders: true,
  ): Promise<{ data: z.output<S>; headers: Record<string, unknown> }>;
  private async call<S extends z.ZodType>(
    schema: S,
    send: () => Promise<{ data: unknown; headers?: Record<string, unknown> }>,
    on4xx: HubFailure = 'hub_error',
    withHeaders = false,
  ): Promise<z.output<S> | { data: z.output<S>; headers: Record<string, unknown> }> {
    let data: unknown;
    let headers: Record<string, unknown>;
    try {
      ({ data, headers = {} } = await send());
    } catch (error) {
      if (isAxiosError(error)) {
        const status = error.response?.status;
        if (error.code !== undefined && CERTIFICATE_ERRORS.has(error.code)) throw new HubError('untrusted_hub', `${error.code}: ${error.message}`);
        // no answer, or an answer whose body broke off (axios keeps its 2xx status): the line dropped
        if (status === undefined || status < 400)
          throw new HubError('unreachable', status === undefined ? error.message : `the answer broke off: ${error.message}`);
        if (status === 401) throw new HubError(on4xx === 'bad_code' ? 'bad_code' : 'revoked', `hub answered 401`, status);
        if (status >= 400 && status < 500)
          throw new HubError(on4xx, `hub answered ${status}: ${JSON.stringify(error.response?.data ?? null).slice(0, 300)}`, status);
        throw new HubError('hub_error', `hub answered ${status}`, status);
      }
      throw error;
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new HubError('hub_error', `unexpected answer from the hub: ${parsed.error.message.slice(0, 300)}`);
    return withHeaders ? { data: parsed.data, headers } : parsed.data;
  }
}
