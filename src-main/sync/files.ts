import { checkAttachment } from '../../src-shared/attachments/files.js';
import type { Store } from '../core/db/store.js';
import { sha256Hex } from '../core/files.js';
import type { Attachments } from '../domains/attachments/attachments.js';
import { type HubClient, HubError } from './client.js';

/** Files moved in one round at most, each way, and bytes fetched: a round stays a round; the rest follow in the next. */
const FILES_PER_ROUND = 50;
const BYTES_PER_ROUND = 64 * 1024 * 1024;
/** After the hub refused a content, or did not have it yet: when to ask again. */
const RETRY_REFUSED_MS = 60 * 60_000;
const RETRY_MISSING_MS = 60_000;

export interface FileRound {
  readonly sent: number;
  readonly received: number;
  /** contents this station still lacks after the round */
  readonly waiting: number;
}

/**
 * Attachment contents between this station and the hub
 * (docs/attachments.md), once per sync round, after the rows: sync
 * messages carry an attachment's row, not its bytes. First the contents
 * this station holds that the hub is not known to have; then the contents
 * of rows that arrived without them. Each is checked against its hash (and
 * its type) before it is stored. A file's failure is the file's, never the
 * round's: a refusal or a content the hub does not have yet is tried again
 * later, one the line could not carry with backoff; while the hub cannot
 * be reached, no other file is tried until the next round.
 */
export class FileTransfer {
  constructor(
    private readonly store: Store,
    private readonly attachments: Attachments,
    private readonly now: () => string,
    private readonly log: (line: string) => void,
  ) {}

  async run(hub: HubClient): Promise<FileRound> {
    const sent = await this.send(hub);
    const received = await this.receive(hub);
    // files taken off elsewhere arrived with the rows: their contents go once no record here holds them
    this.attachments.purge();
    return { sent, received, waiting: this.waiting() };
  }

  /** Contents of live rows this station does not hold. */
  waiting(): number {
    return this.store
      .statement(
        `SELECT count(DISTINCT a.sha256) FROM attachments a LEFT JOIN attachment_files f ON f.sha256 = a.sha256
         WHERE a.deleted_at IS NULL AND f.stored_at IS NULL AND length(a.sha256) = 64 AND a.sha256 NOT GLOB '*[^0-9a-f]*'`,
      )
      .pluck()
      .get() as number;
  }

  private async send(hub: HubClient): Promise<number> {
    const due = this.store
      .statement(
        `SELECT sha256 FROM attachment_files WHERE stored_at IS NOT NULL AND at_hub = 0 AND (next_try_at IS NULL OR next_try_at <= ?)
         ORDER BY stored_at LIMIT ?`,
      )
      .pluck()
      .all(this.now(), FILES_PER_ROUND) as string[];
    let sent = 0;
    for (const sha256 of due) {
      const bytes = this.attachments.files.get(sha256);
      if (!bytes) {
        // gone or damaged on this disk: fetched again from the hub, if it has it
        this.store.statement('UPDATE attachment_files SET stored_at = NULL WHERE sha256 = ?').run(sha256);
        this.log(`sync: the content ${sha256.slice(0, 12)}… is missing or damaged here; it will be fetched again`);
        continue;
      }
      const outcome = await this.attempt(sha256, () => hub.putFile(sha256, bytes));
      if (outcome === 'stop') break;
      if (outcome === 'done') {
        this.store.statement('UPDATE attachment_files SET at_hub = 1, last_error = NULL, next_try_at = NULL, tries = 0 WHERE sha256 = ?').run(sha256);
        sent += 1;
      }
    }
    return sent;
  }

  /**
   * One transfer, whose failure is this file's, never the round's: a
   * refusal (4xx) waits an hour, a file the line could not carry in time
   * waits with backoff, and while the hub cannot be reached no other file
   * is tried this round ('stop').
   */
  private async attempt(sha256: string, transfer: () => Promise<unknown>, size = 0): Promise<'done' | 'later' | 'stop'> {
    try {
      await transfer();
      return 'done';
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      const refused = error.status !== null && error.status >= 400 && error.status < 500;
      this.log(`sync: ${refused ? 'the hub refused' : 'could not move'} the content ${sha256.slice(0, 12)}…: ${error.message}`);
      const tries = (this.store.statement('SELECT tries FROM attachment_files WHERE sha256 = ?').pluck().get(sha256) as number | undefined) ?? 0;
      this.later(
        sha256,
        refused ? `refused_${error.status}` : error.reason,
        refused ? RETRY_REFUSED_MS : Math.min(RETRY_REFUSED_MS, RETRY_MISSING_MS * 2 ** tries),
        size,
      );
      return error.reason === 'unreachable' && !refused ? 'stop' : 'later';
    }
  }

  private async receive(hub: HubClient): Promise<number> {
    const due = this.store
      .statement(
        `SELECT a.sha256, max(a.size_bytes) AS size_bytes, min(a.file_name) AS file_name
         FROM attachments a LEFT JOIN attachment_files f ON f.sha256 = a.sha256
         WHERE a.deleted_at IS NULL AND f.stored_at IS NULL AND (f.next_try_at IS NULL OR f.next_try_at <= ?)
           AND length(a.sha256) = 64 AND a.sha256 NOT GLOB '*[^0-9a-f]*'
         GROUP BY a.sha256 ORDER BY min(a.created_at) LIMIT ?`,
      )
      .all(this.now(), FILES_PER_ROUND) as Array<{ sha256: string; size_bytes: number; file_name: string }>;
    let received = 0;
    let bytesThisRound = 0;
    for (const wanted of due) {
      if (bytesThisRound >= BYTES_PER_ROUND) break;
      const got: { bytes: Buffer | null } = { bytes: null };
      const outcome = await this.attempt(
        wanted.sha256,
        async () => {
          got.bytes = await hub.getFile(wanted.sha256);
        },
        wanted.size_bytes,
      );
      if (outcome === 'stop') break;
      if (outcome === 'later') continue;
      const { bytes } = got;
      if (!bytes) {
        // the station that took it has not sent it yet
        this.later(wanted.sha256, 'not_at_hub', RETRY_MISSING_MS, wanted.size_bytes);
        continue;
      }
      if (sha256Hex(bytes) !== wanted.sha256 || !checkAttachment(wanted.file_name, bytes).ok) {
        this.log(`sync: the content ${wanted.sha256.slice(0, 12)}… from the hub does not match its hash or its type; not stored`);
        this.later(wanted.sha256, 'bad_content', RETRY_REFUSED_MS, wanted.size_bytes);
        continue;
      }
      this.attachments.files.put(bytes);
      this.store
        .statement(
          `INSERT INTO attachment_files (sha256, size_bytes, stored_at, at_hub) VALUES (?, ?, ?, 1)
           ON CONFLICT (sha256) DO UPDATE SET stored_at = excluded.stored_at, at_hub = 1, last_error = NULL, next_try_at = NULL, tries = 0`,
        )
        .run(wanted.sha256, bytes.length, this.now());
      received += 1;
      bytesThisRound += bytes.length;
    }
    return received;
  }

  private later(sha256: string, reason: string, afterMs: number, size = 0): void {
    const next = new Date(Date.parse(this.now()) + afterMs).toISOString();
    this.store
      .statement(
        `INSERT INTO attachment_files (sha256, size_bytes, stored_at, at_hub, last_error, next_try_at, tries) VALUES (?, ?, NULL, 0, ?, ?, 1)
         ON CONFLICT (sha256) DO UPDATE SET last_error = excluded.last_error, next_try_at = excluded.next_try_at, tries = tries + 1`,
      )
      .run(sha256, size, reason, next);
  }
}
