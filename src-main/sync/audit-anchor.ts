import { sign } from 'node:crypto';
import type { AuditAnchor as AnchorState } from '../../src-shared/contract/index.js';
import { auditCheckpointText } from '../../src-shared/hub-api.js';
import type { AuditLog } from '../core/audit-log.js';
import type { StationKeys } from '../core/keys.js';
import { type HubClient, HubError } from './client.js';
import type { SyncState } from './state.js';

interface Anchored {
  readonly seq: number;
  readonly mac: string;
  readonly anchoredAt: string;
}

/**
 * The station's end of the anchored audit chain: after each sync round the
 * head of its keyed chain (seq and mac) goes to the hub as a checkpoint
 * signed with the station's Ed25519 key; `verify-audit` then holds the chain
 * against the hub's last checkpoint, so entries cut off the end, or a log
 * rewritten under the same seqs, are found even though what is left still
 * chains correctly.
 */
export class AuditAnchoring {
  constructor(
    private readonly audit: AuditLog,
    private readonly keys: StationKeys,
    private readonly stationId: string,
    private readonly state: SyncState,
    private readonly log: (line: string) => void,
  ) {}

  /** Sends the head's checkpoint. A refusal (the log went backwards or was rewritten) is logged and kept; it does not fail the round. */
  async anchor(hub: HubClient): Promise<void> {
    const head = this.audit.headCheckpoint();
    if (!head) return;
    const kept = this.kept();
    if (kept && kept.seq === head.seq && kept.mac === head.mac) return;
    const signature = sign(null, Buffer.from(auditCheckpointText(this.stationId, head.seq, head.mac)), this.keys.signing).toString('base64');
    try {
      const anchored = await hub.anchorAudit({ seq: head.seq, mac: head.mac, publicKey: this.keys.signingPublicKey, signature });
      if (anchored) this.state.set('audit_anchor', JSON.stringify(anchored));
    } catch (error) {
      if (!(error instanceof HubError) || error.status !== 409) throw error;
      this.log(`audit: the hub refused the checkpoint at entry ${head.seq}: ${error.message}`);
    }
  }

  /** The chain against the hub's last checkpoint (asked now, or the last answer kept when the hub is away). */
  async compare(head: { seq: number } | null, hub: HubClient | null): Promise<AnchorState> {
    let anchored: Anchored | null = null;
    let source: 'hub' | 'kept' | null = null;
    if (hub) {
      try {
        anchored = await hub.auditAnchor();
        source = 'hub';
        if (anchored) this.state.set('audit_anchor', JSON.stringify(anchored));
      } catch (error) {
        if (!(error instanceof HubError)) throw error;
      }
    }
    if (source === null) {
      anchored = this.kept();
      source = anchored ? 'kept' : null;
    }
    if (!anchored) return { state: source === 'hub' ? 'none' : 'not_compared', seq: null, anchoredAt: null, source };
    const at = { seq: anchored.seq, anchoredAt: anchored.anchoredAt, source };
    if (head === null || head.seq < anchored.seq) return { state: 'truncated', ...at };
    if (this.audit.macAt(anchored.seq) !== anchored.mac) return { state: 'forked', ...at };
    return { state: 'matches', ...at };
  }

  private kept(): Anchored | null {
    const stored = this.state.get('audit_anchor');
    return stored ? (JSON.parse(stored) as Anchored) : null;
  }
}
