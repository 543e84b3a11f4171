import { type CallDefinition, type CallName, contract, isCallName } from '../../src-shared/contract/index.js';
import type { JobSchedule } from '../../src-shared/job-schedule.js';
import type { Bilingual } from '../../src-shared/messages.js';
import { type BackgroundError, TABLE_NAMES, tableInfo } from '../../src-shared/tables/index.js';
import type { Actor } from './audit-log.js';
import type { AuditLog } from './audit-log.js';
import type { Handler, Handlers, PublicHandler } from './context.js';
import type { DataLayer, WriteTx } from './data-layer.js';
import type { Store } from './db/store.js';
import type { SecretBox, StationKeys } from './keys.js';

/** What every domain is built on: the core infrastructure of one station. */
export interface StationBase {
  readonly store: Store;
  readonly data: DataLayer;
  readonly audit: AuditLog;
  readonly stationId: string;
  readonly dataDir: string;
  readonly log: (line: string) => void;
  /** the machine clock in ms (tests run a station fast or slow) */
  readonly clock: () => number;
  /** wakes a background job by name (src-main/core/jobs.ts) */
  readonly jobs: JobWaker;
  /** publishes domain events (src-main/core/domain-events.ts) */
  readonly events: EventPublisher;
  /** the station's keys, held outside the database (src-main/core/keys.ts) */
  readonly keys: StationKeys;
  /** seals secrets stored in the database (the hub token, HMAC secrets, TOTP secrets) */
  readonly secrets: SecretBox;
  /** where this station can be reached once its servers run (the runner fills it in): survey links for kiosks point at the listener */
  readonly addresses: StationAddresses;
}

export interface StationAddresses {
  listenerUrl: string | null;
}

/** Background work a domain runs on the station's scheduler (src-main/core/jobs.ts). */
export interface JobDefinition {
  /** unique on the station: shown in /health and Administration → Jobs, and the name it is woken by */
  readonly name: string;
  /** how Administration → Jobs names it */
  readonly label: Bilingual;
  /** a node-cron expression for periodic work, or `{ everyMs }`; 'on-demand' for work that is only woken (any job may also be woken) */
  readonly schedule: JobSchedule;
  /** one run; a run never overlaps the job's previous one. A throw is recorded as a failed run and retried at the next run */
  readonly run: (context: JobRunContext) => JobResult | void | Promise<JobResult | void>;
}

export interface JobRunContext {
  /** a person asked for this run (Administration → Jobs): a job waiting out a backoff runs anyway */
  readonly manual: boolean;
}

/** What a run may tell the scheduler (nothing: it ran, and the next run is due by its schedule). */
export interface JobResult {
  /** 0: run again at once, after the event loop's turn (work is left); a delay (a backoff); null: only when woken */
  readonly nextRunInMs?: number | null;
  /** the run could not do its work without anything throwing (the hub unreachable): shown as failed */
  readonly failure?: BackgroundError;
  /** nothing was attempted (woken during its own backoff): not counted as a run, only the next one is planned */
  readonly deferred?: true;
}

/**
 * A reader of domain events (`domain_events`) with its own cursor: each
 * event of its types is delivered in seq order, at least once; a delivery
 * that throws is retried with backoff and holds back only this subscriber
 * (src-main/core/domain-events.ts says how to make one idempotent).
 */
export type SubscriberDefinition = {
  /** unique on the station: its cursor is kept under this name, and its job is `events:<name>` */
  readonly name: string;
  readonly label: Bilingual;
  /** the event types it reads, e.g. `journey.stage_completed` */
  readonly events: readonly string[];
} & (
  | {
      /**
       * Effects in this station's database: written through `tx`, in the
       * transaction that also moves the cursor past the event, so they
       * happen exactly once however often the event is offered.
       */
      readonly handle: (event: DomainEventRecord, tx: WriteTx) => void;
    }
  | {
      /**
       * Effects outside the database (a message to the hub): the cursor
       * moves after the promise resolves, so a crash in between delivers
       * the event again. It must be idempotent on `event.id`.
       */
      readonly deliver: (event: DomainEventRecord) => Promise<void>;
    }
);

export interface DomainEventRecord {
  readonly seq: number;
  readonly id: string;
  readonly type: string;
  readonly hospitalId: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

/** What a domain may ask of the scheduler: run one of its jobs soon (an event arrived, a station enrolled). */
export interface JobWaker {
  wake(name: string): void;
}

/** How a domain publishes an event: inside its own write transaction, so the event exists exactly when its cause does. */
export interface EventPublisher {
  publish(
    tx: WriteTx,
    event: { readonly type: string; readonly hospitalId: string | null; readonly payload: Readonly<Record<string, unknown>> },
  ): DomainEventRecord;
  /**
   * Publishes an event whose id the caller derives from its cause (a
   * response's negative flag), unless an event with that id is already in
   * the log: true when it was published now.
   */
  publishOnce(
    tx: WriteTx,
    event: { readonly id: string; readonly type: string; readonly hospitalId: string | null; readonly payload: Readonly<Record<string, unknown>> },
  ): boolean;
}

/** The handlers of a set of calls: exactly those calls, each typed by its entry in the contract. */
export type HandlersOf<C> = { [N in keyof C & CallName]: Handler<N> | PublicHandler<N> };

/**
 * What one domain contributes to the station: the contract calls it answers
 * (src-shared/contract/<domain>.ts) with their handlers, its services, its
 * background jobs and its domain-event subscribers. The tables it owns name
 * it in their specs (src-shared/tables/<domain>.ts).
 */
export interface StationDomain<C extends Readonly<Record<string, CallDefinition>> = Readonly<Record<string, CallDefinition>>, S = unknown> {
  readonly name: string;
  readonly calls: C;
  readonly handlers: HandlersOf<C>;
  readonly services: S;
  readonly jobs?: readonly JobDefinition[];
  readonly subscribers?: readonly SubscriberDefinition[];
}

/** `defineDomain({ name, calls, handlers, services, jobs, subscribers })`: a handler missing for one of its calls does not compile. */
export function defineDomain<C extends Readonly<Record<string, CallDefinition>>, S>(domain: StationDomain<C, S>): StationDomain<C, S> {
  return domain;
}

/** Tables the station core itself owns (its identity, the domain-event log), not any domain. */
const CORE_DOMAIN = 'station';

/** A composition mistake (two domains answering one call, a job named twice): named with what and where. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';
}

export interface ComposedStation {
  readonly handlers: Handlers;
  readonly jobs: readonly (JobDefinition & { readonly domain: string })[];
  readonly subscribers: readonly (SubscriberDefinition & { readonly domain: string })[];
}

/**
 * Builds the station's call table, jobs and subscribers from its domains,
 * refusing at start what spreading maps would silently let the later one
 * win: a domain name, call, job or subscriber given twice, a call of the
 * contract nobody answers, a call answered that the contract does not
 * declare, a table whose spec names a domain that is not there.
 */
export function composeDomains(domains: readonly StationDomain[]): ComposedStation {
  const domainNames = new Set<string>();
  const answeredBy = new Map<string, string>();
  const handlers: Record<string, unknown> = {};
  const jobs = new Map<string, JobDefinition & { domain: string }>();
  const subscribers = new Map<string, SubscriberDefinition & { domain: string }>();
  for (const domain of domains) {
    if (domainNames.has(domain.name)) throw new CompositionError(`The domain "${domain.name}" is registered twice.`);
    domainNames.add(domain.name);
    for (const call of Object.keys(domain.calls)) {
      if (!isCallName(call) || contract[call] !== domain.calls[call]) {
        throw new CompositionError(`The domain "${domain.name}" answers "${call}", which the contract (src-shared/contract) does not declare as its call.`);
      }
      const other = answeredBy.get(call);
      if (other) throw new CompositionError(`The call "${call}" is answered by two domains: "${other}" and "${domain.name}".`);
      const handler = (domain.handlers as Record<string, unknown>)[call];
      if (typeof handler !== 'function') throw new CompositionError(`The domain "${domain.name}" declares "${call}" but gives it no handler.`);
      answeredBy.set(call, domain.name);
      handlers[call] = handler;
    }
    for (const call of Object.keys(domain.handlers)) {
      if (!Object.hasOwn(domain.calls, call))
        throw new CompositionError(`The domain "${domain.name}" has a handler for "${call}" but does not declare the call.`);
    }
    for (const job of domain.jobs ?? []) {
      const other = jobs.get(job.name);
      if (other) throw new CompositionError(`The job "${job.name}" is registered by two domains: "${other.domain}" and "${domain.name}".`);
      jobs.set(job.name, { ...job, domain: domain.name });
    }
    for (const subscriber of domain.subscribers ?? []) {
      const other = subscribers.get(subscriber.name);
      if (other) throw new CompositionError(`The subscriber "${subscriber.name}" is registered by two domains: "${other.domain}" and "${domain.name}".`);
      if (subscriber.events.length === 0) throw new CompositionError(`The subscriber "${subscriber.name}" of the domain "${domain.name}" reads no event type.`);
      subscribers.set(subscriber.name, { ...subscriber, domain: domain.name });
    }
  }
  const unanswered = Object.keys(contract).filter((call) => !answeredBy.has(call));
  if (unanswered.length > 0) throw new CompositionError(`No domain answers the calls: ${unanswered.join(', ')}.`);
  for (const table of TABLE_NAMES) {
    const owner = tableInfo(table).domain;
    if (owner !== CORE_DOMAIN && !domainNames.has(owner)) {
      throw new CompositionError(`The table "${table}" belongs to the domain "${owner}" (src-shared/tables), which is not registered.`);
    }
  }
  return { handlers: handlers as Handlers, jobs: [...jobs.values()], subscribers: [...subscribers.values()] };
}

/** Who runs a domain's background work in the audit log. */
export const SCHEDULER_ACTOR: Actor = { id: null, name: 'scheduler' };
