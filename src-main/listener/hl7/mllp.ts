/*
 * MLLP (HL7 Minimal Lower Layer Protocol, release 1): each message travels as
 * <VT> payload <FS><CR>. TCP hands us arbitrary slices of that stream, so the
 * decoder is a small state machine fed chunk by chunk. It never throws and
 * never holds more than one message's worth of bytes: a sender that forgets
 * the end block, floods junk or sends a 50 MB frame costs a framing error,
 * not the station's memory, and the next good message still gets through.
 */

export const MLLP_START_BLOCK = 0x0b;
export const MLLP_END_BLOCK = 0x1c;
export const MLLP_CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

export type MllpResult = { readonly ok: true; readonly message: Buffer } | { readonly ok: false; readonly reason: string };

export interface MllpDecoderOptions {
  /** largest payload accepted, in bytes; 1 MiB when not given */
  readonly maxMessageBytes?: number;
}

type State = 'between' | 'frame' | 'skipping';

export class MllpDecoder {
  readonly maxMessageBytes: number;
  private state: State = 'between';
  private parts: Buffer[] = [];
  private size = 0;
  private junk = 0;
  /** an end block was the last byte seen; its CR may arrive in the next chunk */
  private afterEndBlock = false;

  constructor(options: MllpDecoderOptions = {}) {
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isInteger(this.maxMessageBytes) || this.maxMessageBytes < 1) {
      throw new RangeError(`maxMessageBytes must be a positive integer, got ${this.maxMessageBytes}`);
    }
  }

  /** bytes of the frame in progress held in memory; never above maxMessageBytes */
  get bufferedBytes(): number {
    return this.size;
  }

  /** Feeds the next bytes from the connection; returns every message and framing error they complete, in order. */
  push(chunk: Buffer): MllpResult[] {
    const out: MllpResult[] = [];
    let at = 0;
    while (at < chunk.length) {
      if (this.afterEndBlock) {
        this.afterEndBlock = false;
        // The CR belongs to the end block. Anything else is read as the start of what follows.
        if (chunk[at] === MLLP_CARRIAGE_RETURN) at += 1;
        continue;
      }
      if (this.state === 'between') at = this.readBetween(chunk, at, out);
      else if (this.state === 'frame') at = this.readFrame(chunk, at, out);
      else at = this.readSkipping(chunk, at);
    }
    return out;
  }

  /** At connection close: reports a frame that never ended and forgets it. */
  finish(): MllpResult[] {
    const out: MllpResult[] = [];
    this.reportJunk(out);
    if (this.state === 'frame') out.push({ ok: false, reason: `connection closed inside a frame (${this.size} bytes without an end block)` });
    if (this.state === 'skipping') out.push({ ok: false, reason: 'connection closed inside an oversized frame' });
    this.state = 'between';
    this.dropFrame();
    this.afterEndBlock = false;
    return out;
  }

  /** Outside a frame only CR/LF are expected (some senders put line breaks between frames); anything else is junk. */
  private readBetween(chunk: Buffer, from: number, out: MllpResult[]): number {
    const start = chunk.indexOf(MLLP_START_BLOCK, from);
    const end = start < 0 ? chunk.length : start;
    for (let i = from; i < end; i += 1) {
      const byte = chunk[i];
      if (byte !== MLLP_CARRIAGE_RETURN && byte !== LINE_FEED) this.junk += 1;
    }
    if (start < 0) {
      if (this.junk >= this.maxMessageBytes) this.reportJunk(out);
      return chunk.length;
    }
    this.reportJunk(out);
    this.state = 'frame';
    return start + 1;
  }

  private readFrame(chunk: Buffer, from: number, out: MllpResult[]): number {
    const end = chunk.indexOf(MLLP_END_BLOCK, from);
    const restart = chunk.indexOf(MLLP_START_BLOCK, from);
    if (restart >= 0 && (end < 0 || restart < end)) {
      // A start block inside a frame: the previous frame lost its end block.
      // Give it up and read the new one, so one broken message costs one message.
      const lost = this.size + restart - from;
      if (lost > 0) out.push({ ok: false, reason: `start block inside a frame: ${lost} bytes without an end block discarded` });
      this.dropFrame();
      return restart + 1;
    }
    const stop = end < 0 ? chunk.length : end;
    if (this.size + (stop - from) > this.maxMessageBytes) {
      out.push({ ok: false, reason: `frame larger than ${this.maxMessageBytes} bytes: skipped to its end block` });
      this.dropFrame();
      this.state = 'skipping';
      return stop;
    }
    // Copy: a subarray would keep the caller's whole chunk alive.
    if (stop > from) this.parts.push(Buffer.from(chunk.subarray(from, stop)));
    this.size += stop - from;
    if (end < 0) return chunk.length;

    const message = Buffer.concat(this.parts, this.size);
    this.dropFrame();
    this.state = 'between';
    this.afterEndBlock = true;
    out.push(message.length === 0 ? { ok: false, reason: 'empty frame' } : { ok: true, message });
    return end + 1;
  }

  private readSkipping(chunk: Buffer, from: number): number {
    const end = chunk.indexOf(MLLP_END_BLOCK, from);
    const restart = chunk.indexOf(MLLP_START_BLOCK, from);
    if (restart >= 0 && (end < 0 || restart < end)) {
      // the oversized frame never ended; already reported
      this.state = 'frame';
      return restart + 1;
    }
    if (end < 0) return chunk.length;
    this.state = 'between';
    this.afterEndBlock = true;
    return end + 1;
  }

  private reportJunk(out: MllpResult[]): void {
    if (this.junk === 0) return;
    out.push({ ok: false, reason: `${this.junk} bytes outside a frame ignored` });
    this.junk = 0;
  }

  private dropFrame(): void {
    this.parts = [];
    this.size = 0;
  }
}

/** Wraps one message for the wire. Throws when the payload holds a block character: it would end the frame early. */
export function frameMllp(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (body.includes(MLLP_START_BLOCK) || body.includes(MLLP_END_BLOCK)) {
    throw new RangeError('MLLP payload contains a start (0x0B) or end (0x1C) block byte');
  }
  return Buffer.concat([Buffer.from([MLLP_START_BLOCK]), body, Buffer.from([MLLP_END_BLOCK, MLLP_CARRIAGE_RETURN])]);
}
