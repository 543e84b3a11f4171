import { createPublicKey, verify } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../src-shared/errors.js';
import { type AuditCheckpoint, auditCheckpointText } from '../../src-shared/hub-api.js';
import type { MessageKey } from '../../src-shared/messages.js';
import type { HubDatabase } from '../db/schema.js';
import type { HubLog } from '../log.js';

type CheckpointRefusal = Extract<
  MessageKey,
  'error.audit_checkpoint_unsigned' | 'error.audit_checkpoint_key' | 'error.audit_checkpoint_backwards' | 'error.audit_checkpoint_rewritten'
>;

export interface AuditAnchor {
  readonly seq: number;
  readonly mac: string;
  readonly anchoredAt: string;
}

/**
 * The hub keeps the newest checkpoint of each station's audit chain, signed
 * by the station (its public key taken from its first checkpoint after it was
 * enrolled), and refuses one that goes backwards or rewrites the anchored
 * entry: a station's log cut short or rewritten then no longer matches the
 * hub's checkpoint, whatever was done to the file.
 */
export class AuditAnchors {
  constructor(
    private readonly db: Kysely<HubDatabase>,
    private readonly log: HubLog,
  ) {}

  async anchor(stationId: string, checkpoint: AuditCheckpoint): Promise<AuditAnchor> {
    const signed = checkSignature(stationId, checkpoint);
    if (!signed) throw this.refuse(stationId, checkpoint, 'error.audit_checkpoint_unsigned', null);
    return this.db.transaction().execute(async (trx) => {
      const held = await trx.selectFrom('audit_anchors').selectAll().where('station_id', '=', stationId).forUpdate().executeTakeFirst();
      if (held) {
        const heldSeq = Number(held.seq);
        if (held.public_key !== checkpoint.publicKey) throw this.refuse(stationId, checkpoint, 'error.audit_checkpoint_key', heldSeq);
        if (checkpoint.seq < heldSeq) throw this.refuse(stationId, checkpoint, 'error.audit_checkpoint_backwards', heldSeq);
        if (checkpoint.seq === heldSeq && checkpoint.mac !== held.mac) throw this.refuse(stationId, checkpoint, 'error.audit_checkpoint_rewritten', heldSeq);
        if (checkpoint.seq === heldSeq) return { seq: heldSeq, mac: held.mac, anchoredAt: new Date(held.anchored_at).toISOString() };
      }
      const row = await trx
        .insertInto('audit_anchors')
        .values({ station_id: stationId, public_key: checkpoint.publicKey, seq: checkpoint.seq, mac: checkpoint.mac, signature: checkpoint.signature })
        .onConflict((oc) =>
          oc.column('station_id').doUpdateSet({ seq: checkpoint.seq, mac: checkpoint.mac, signature: checkpoint.signature, anchored_at: new Date() }),
        )
        .returning(['seq', 'mac', 'anchored_at'])
        .executeTakeFirstOrThrow();
      return { seq: Number(row.seq), mac: row.mac, anchoredAt: new Date(row.anchored_at).toISOString() };
    });
  }

  async latest(stationId: string): Promise<AuditAnchor | null> {
    const row = await this.db.selectFrom('audit_anchors').select(['seq', 'mac', 'anchored_at']).where('station_id', '=', stationId).executeTakeFirst();
    return row ? { seq: Number(row.seq), mac: row.mac, anchoredAt: new Date(row.anchored_at).toISOString() } : null;
  }

  private refuse(stationId: string, checkpoint: AuditCheckpoint, key: CheckpointRefusal, anchoredSeq: number | null): AppError {
    this.log('audit.checkpoint_refused', { stationId, reason: key, seq: checkpoint.seq, anchoredSeq });
    return new AppError('CONFLICT', key);
  }
}

function checkSignature(stationId: string, checkpoint: AuditCheckpoint): boolean {
  try {
    const key = createPublicKey({ key: Buffer.from(checkpoint.publicKey, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(auditCheckpointText(stationId, checkpoint.seq, checkpoint.mac)), key, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}
