import { RateLimiter } from '../../../src-shared/rate-limit.js';
import type { DataLayer } from '../../core/data-layer.js';
import type { Store } from '../../core/db/store.js';
import { integrationActor, type Refusal } from './admission.js';

/** What the listeners refused, for the audit log: never a patient's data, only who knocked, from where, and why. */
export interface ListenerRefusal {
  readonly channel: 'json' | 'mllp';
  /** the peer address */
  readonly peer: string;
  readonly reason: Refusal;
  /** the source the sender claimed or proved to be, when known */
  readonly source?: { readonly id: string; readonly sourceSystem: string } | null;
  /** the hospital the refused event or message named */
  readonly hospitalCode?: string | null;
  /** the sender's id of the refused event (MSH-10, external_id) */
  readonly externalId?: string | null;
}

/** Refusals recorded per address a minute; beyond, they are counted and the count goes into the next entry. */
export const REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE = 20;
/** And for all addresses together, so a sender cycling through addresses cannot flood the log either. */
export const REFUSALS_AUDITED_PER_MINUTE = 600;

/**
 * The audit entries of the listeners' refusals (`integration.refused`): a
 * PX office sees who tried to send what for which hospital, from where. The
 * entry carries the hospital the sender named (so that hospital's
 * administrators see it too). A refusal changes no other data.
 *
 * Each entry is its own durable commit, so a sender refused over and over
 * must not turn into a stream of writes: past the per-address and overall
 * budgets, refusals are only counted, and the count is written with the
 * next entry that address gets.
 */
export class IntakeRefusals {
  private readonly perAddress = new RateLimiter();
  private readonly overall = new RateLimiter();
  private readonly unrecorded = new Map<string, number>();
  private readonly hospitalIdOf;
  private prunedAt = 0;

  constructor(
    store: Store,
    private readonly data: DataLayer,
    private readonly log: (line: string) => void,
  ) {
    this.hospitalIdOf = store.statement('SELECT id FROM hospitals WHERE code = ?').pluck();
  }

  record(refusal: ListenerRefusal, now = Date.now()): void {
    this.prune(now);
    const admitted =
      this.perAddress.take(refusal.peer, REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE, 1, now) && this.overall.take('all', REFUSALS_AUDITED_PER_MINUTE, 1, now);
    if (!admitted) {
      this.unrecorded.set(refusal.peer, (this.unrecorded.get(refusal.peer) ?? 0) + 1);
      return;
    }
    const skipped = this.unrecorded.get(refusal.peer) ?? 0;
    this.unrecorded.delete(refusal.peer);
    const hospitalCode = refusal.hospitalCode?.trim().toUpperCase() || null;
    // the refusal is answered whatever happens here: a busy database must not turn it into a fault, nor crash a timer
    try {
      this.data.write(integrationActor(refusal.source?.sourceSystem ?? null, refusal.peer), (tx) =>
        tx.record({
          action: 'integration.refused',
          entityType: 'integration_sources',
          entityId: refusal.source?.id ?? null,
          hospitalId: hospitalCode ? ((this.hospitalIdOf.get(hospitalCode) as string | undefined) ?? null) : null,
          after: {
            channel: refusal.channel,
            peer: refusal.peer,
            reason: refusal.reason,
            sourceSystem: refusal.source?.sourceSystem ?? null,
            hospitalCode,
            externalId: refusal.externalId ?? null,
            ...(skipped > 0 ? { unrecordedBefore: skipped } : {}),
          },
        }),
      );
    } catch (error) {
      this.log(`intake refusals: could not record ${refusal.reason} from ${refusal.peer}: ${(error as Error).message}`);
    }
  }

  /** Once a minute, forgets the budgets of addresses that have gone quiet (and the counts, should there be very many). */
  private prune(now: number): void {
    if (now - this.prunedAt < 60_000) return;
    this.prunedAt = now;
    this.perAddress.prune(REFUSALS_AUDITED_PER_ADDRESS_PER_MINUTE, now);
    this.overall.prune(REFUSALS_AUDITED_PER_MINUTE, now);
    if (this.unrecorded.size > 10_000) this.unrecorded.clear();
  }
}
