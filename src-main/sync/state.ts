import type { Store } from '../core/db/store.js';
import { SecretBox } from '../core/keys.js';
import { type StationScope, stationScopeSchema } from '../../src-shared/hub-api.js';

/** What the station remembers about the hub, one row per key in `sync_state`. */
export type SyncStateKey =
  | 'hub_url'
  | 'station_token'
  | 'scope'
  | 'pull_cursor'
  | 'last_push_at'
  | 'last_pull_at'
  | 'last_attempt_at'
  | 'last_attempt_ok'
  | 'last_error'
  | 'clock_skew_ms'
  /** the hub's last checkpoint of this station's audit chain (JSON: seq, mac, anchoredAt) */
  | 'audit_anchor'
  /** how far this computer's clock is off the hub's, as last measured: DataLayer.clock corrects by it */
  | 'clock_offset_ms'
  // a new station's catch-up from the hub's snapshot, while it lasts
  | 'snapshot_up_to'
  | 'snapshot_next'
  | 'snapshot_total'
  | 'snapshot_done'
  /** the hub's table order of that snapshot (JSON): a hub that changes it mid-way means starting again */
  | 'snapshot_order'
  /** the hub's last group summary and when it came (JSON), shown while the hub cannot be reached */
  | 'group_summary';

export interface Enrolment {
  readonly hubUrl: string;
  readonly token: string;
  readonly scope: StationScope;
}

export class SyncState {
  /** `secrets` seals the station token: the database alone never holds a token that works at the hub. */
  constructor(
    private readonly store: Store,
    private readonly secrets: SecretBox,
  ) {}

  /** A token stored in clear by an earlier version is sealed; answers whether one was. */
  sealStoredToken(): boolean {
    const stored = this.get('station_token');
    if (stored === null || SecretBox.isSealed(stored)) return false;
    this.set('station_token', this.secrets.seal(stored));
    return true;
  }

  get(key: SyncStateKey): string | null {
    return (this.store.statement('SELECT value FROM sync_state WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
  }

  set(key: SyncStateKey, value: string | null): void {
    if (value === null) this.store.statement('DELETE FROM sync_state WHERE key = ?').run(key);
    else this.store.statement('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  enrolment(): Enrolment | null {
    const hubUrl = this.get('hub_url');
    const stored = this.get('station_token');
    const scope = stationScopeSchema.safeParse(JSON.parse(this.get('scope') ?? 'null'));
    if (!hubUrl || !stored || !scope.success) return null;
    return { hubUrl, token: SecretBox.isSealed(stored) ? this.secrets.open(stored) : stored, scope: scope.data };
  }

  /** A new enrolment starts pulling from the beginning: a different hub has a different sequence. */
  enrol(enrolment: Enrolment): void {
    this.store.transaction(() => {
      const sameHub = this.get('hub_url') === enrolment.hubUrl;
      this.set('hub_url', enrolment.hubUrl);
      this.set('station_token', this.secrets.seal(enrolment.token));
      this.set('scope', JSON.stringify(enrolment.scope));
      this.set('last_error', null);
      // figures given to another enrolment (another hub, or another scope) are not this one's
      this.set('group_summary', null);
      if (!sameHub) for (const key of ['pull_cursor', 'snapshot_up_to', 'snapshot_next', 'snapshot_total', 'snapshot_done'] as const) this.set(key, null);
    });
  }

  /** Messages written here and not yet acknowledged by the hub. */
  pendingMessages(): number {
    return this.store.statement('SELECT coalesce(sum(json_array_length(cells)), 0) FROM sync_outbox WHERE sent_at IS NULL').pluck().get() as number;
  }
}
