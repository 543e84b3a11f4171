import type { EventAccepted, HisEvent } from '../../../src-shared/his-events.js';
import { uuidv7 } from '../../../src-shared/ids.js';
import type { Store } from '../../core/db/store.js';

/** An event handed over waited this long for its commit to begin: the listener is pressed (IntakeQueue.pressed). */
export const PRESSED_WAIT_MS = 15;

/** An event as the listener hands it over: validated, normalised, not yet durable. */
export interface IntakeItem {
  readonly sourceSystem: string;
  readonly externalId: string;
  readonly format: 'json' | 'hl7';
  /** the code as the source sent it (an event code, or an HL7 trigger with `:class`) */
  readonly externalCode: string;
  readonly hospitalCode: string | null;
  readonly encounterId: string | null;
  /** ISO-8601 UTC */
  readonly occurredAt: string;
  /** the event in the JSON event shape */
  readonly body: string;
  /** the HL7 message as received */
  readonly raw: string | null;
  /** the address it came from (null: made on the station) */
  readonly peerAddress: string | null;
}

/** A JSON event the listener has checked (token, signature, schema), with its codes in upper case as they are matched. */
export function intakeItemFromJson(event: HisEvent, raw: string, peerAddress: string | null = null): IntakeItem {
  return {
    sourceSystem: event.source_system.toUpperCase(),
    externalId: event.external_id,
    format: 'json',
    externalCode: event.event_code.toUpperCase(),
    hospitalCode: event.hospital_code.toUpperCase(),
    encounterId: event.encounter?.id ?? null,
    occurredAt: new Date(event.occurred_at).toISOString(),
    body: JSON.stringify({ ...event, hospital_code: event.hospital_code.toUpperCase(), source_system: event.source_system.toUpperCase() }),
    raw,
    peerAddress,
  };
}

interface Waiting {
  readonly item: IntakeItem;
  readonly resolve: (answer: EventAccepted) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Makes accepted events durable before anyone is told "accepted".
 *
 * Group commit: every event submitted while the previous commit was on disk
 * goes into the next transaction, and each submitter's promise resolves only
 * after that transaction's COMMIT returned (synchronous=FULL: the WAL is
 * fsynced). One fsync serves many events, so throughput grows with load
 * while no acknowledgement ever runs ahead of the disk.
 */
export class IntakeQueue {
  private waiting: Waiting[] = [];
  private scheduled = false;
  private readonly insert;
  private readonly existing;
  private flushes = 0;
  private accepted = 0;
  /** when the first event of the coming commit was handed over, and how long the last commit's first event waited for it (performance.now() ms) */
  private firstWaitingAt = 0;
  private lastWait = { ms: 0, at: -Infinity };
  private lastSubmitAt = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly onAccepted: () => void = () => {},
  ) {
    this.insert = store.statement(
      `INSERT INTO inbound_events (id, source_system, external_id, format, external_code, hospital_code, encounter_id, occurred_at, received_at, body, raw, peer_address)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_system, external_id) DO NOTHING`,
    );
    this.existing = store.statement('SELECT id FROM inbound_events WHERE source_system = ? AND external_id = ?').pluck();
  }

  submit(item: IntakeItem): Promise<EventAccepted> {
    this.lastSubmitAt = performance.now();
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.firstWaitingAt = performance.now();
        setImmediate(() => this.flush());
      }
    });
  }

  get stats(): { flushes: number; accepted: number; queued: number } {
    return { flushes: this.flushes, accepted: this.accepted, queued: this.waiting.length };
  }

  /**
   * Acknowledgements are waiting for their commit longer than they should
   * (the station's CPU is short and the event loop slow to come round):
   * background work gives the listener room until they are not.
   */
  /** How long since the last event was handed over (ms): a quiet listener lets background work take longer runs. */
  get quietMs(): number {
    return performance.now() - this.lastSubmitAt;
  }

  get pressed(): boolean {
    return this.lastWait.ms > PRESSED_WAIT_MS && performance.now() - this.lastWait.at < 1_000;
  }

  private flush(): void {
    this.scheduled = false;
    const now = performance.now();
    this.lastWait = { ms: now - this.firstWaitingAt, at: now };
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    const receivedAt = new Date().toISOString();
    let answers: EventAccepted[];
    try {
      answers = this.store.transaction(() =>
        batch.map(({ item }) => {
          const id = uuidv7();
          const changes = this.insert.run(
            id,
            item.sourceSystem,
            item.externalId,
            item.format,
            item.externalCode,
            item.hospitalCode,
            item.encounterId,
            item.occurredAt,
            receivedAt,
            item.body,
            item.raw,
            item.peerAddress,
          ).changes;
          if (changes === 1) return { id, status: 'accepted' as const };
          return { id: this.existing.get(item.sourceSystem, item.externalId) as string, status: 'duplicate' as const };
        }),
      );
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    this.flushes += 1;
    let fresh = 0;
    batch.forEach((waiting, i) => {
      const answer = answers[i]!;
      if (answer.status === 'accepted') fresh += 1;
      waiting.resolve(answer);
    });
    this.accepted += fresh;
    if (fresh > 0) this.onAccepted();
  }
}
