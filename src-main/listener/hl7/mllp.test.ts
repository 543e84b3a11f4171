import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MESSAGE_BYTES, frameMllp, MllpDecoder, type MllpResult } from './mllp.js';
import { sampleAdt, sampleOru } from './samples.js';

const ADT = sampleAdt('A01');
const ORU = sampleOru();
const A08 = sampleAdt('A08');

/** Messages as text and errors as `!reason`, in order. */
function outcome(results: MllpResult[]): string[] {
  return results.map((result) => (result.ok ? result.message.toString('utf8') : `!${result.reason}`));
}

function feed(decoder: MllpDecoder, bytes: Buffer, chunkSize: number): MllpResult[] {
  const results: MllpResult[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) results.push(...decoder.push(bytes.subarray(at, at + chunkSize)));
  return results;
}

describe('frameMllp', () => {
  it('wraps the UTF-8 payload in <VT> … <FS><CR>', () => {
    const framed = frameMllp('MSH|^~\\&|محمد\r');
    expect(framed[0]).toBe(0x0b);
    expect([...framed.subarray(-2)]).toEqual([0x1c, 0x0d]);
    expect(framed.subarray(1, -2).toString('utf8')).toBe('MSH|^~\\&|محمد\r');
    expect(frameMllp(Buffer.from('x'))).toEqual(Buffer.from([0x0b, 0x78, 0x1c, 0x0d]));
  });

  it.each(['a\u000bb', 'a\u001cb'])('refuses a payload holding a block byte (%j)', (payload) => {
    expect(() => frameMllp(payload)).toThrow(RangeError);
  });
});

describe('MllpDecoder', () => {
  it('reads one message', () => {
    expect(outcome(new MllpDecoder().push(frameMllp(ADT)))).toEqual([ADT]);
  });

  it('reads several messages from one chunk', () => {
    const stream = Buffer.concat([frameMllp(ADT), frameMllp(ORU), frameMllp(A08)]);
    expect(outcome(new MllpDecoder().push(stream))).toEqual([ADT, ORU, A08]);
  });

  it.each([1, 2, 3, 7, 64, 1000])('reads messages split into %i-byte chunks, Arabic bytes cut in half included', (size) => {
    const decoder = new MllpDecoder();
    const stream = Buffer.concat([frameMllp(ADT), frameMllp(ORU), frameMllp(A08)]);
    expect(outcome(feed(decoder, stream, size))).toEqual([ADT, ORU, A08]);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('gives the same messages wherever the stream is cut in two', () => {
    const stream = Buffer.concat([frameMllp(ADT), frameMllp(ORU)]);
    for (let cut = 0; cut <= stream.length; cut += 1) {
      const decoder = new MllpDecoder();
      const results = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
      expect(outcome(results)).toEqual([ADT, ORU]);
    }
  });

  it('reports junk before a start block and still reads the message after it', () => {
    const stream = Buffer.concat([Buffer.from('GET / HTTP/1.1\r\n'), frameMllp(ADT)]);
    expect(outcome(new MllpDecoder().push(stream))).toEqual(['!14 bytes outside a frame ignored', ADT]);
    const byteByByte = feed(new MllpDecoder(), stream, 1);
    expect(outcome(byteByByte)).toEqual(['!14 bytes outside a frame ignored', ADT]);
  });

  it('takes line breaks between frames and a stray end block as what they are', () => {
    const stream = Buffer.concat([frameMllp(ADT), Buffer.from('\r\n\n'), frameMllp(ORU), Buffer.from([0x1c, 0x0d]), frameMllp(A08)]);
    expect(outcome(new MllpDecoder().push(stream))).toEqual([ADT, ORU, '!1 bytes outside a frame ignored', A08]);
  });

  it('keeps buffering while the end block has not come', () => {
    const decoder = new MllpDecoder();
    const framed = frameMllp(ADT);
    expect(decoder.push(framed.subarray(0, -2))).toEqual([]);
    expect(decoder.bufferedBytes).toBe(Buffer.byteLength(ADT));
    expect(decoder.push(framed.subarray(-2, -1))).toHaveLength(1);
    expect(decoder.push(framed.subarray(-1))).toEqual([]);
    expect(outcome(decoder.push(frameMllp(ORU)))).toEqual([ORU]);
  });

  it('accepts an end block without its CR when the next frame follows', () => {
    const stream = Buffer.concat([frameMllp(ADT).subarray(0, -1), frameMllp(ORU)]);
    expect(outcome(new MllpDecoder().push(stream))).toEqual([ADT, ORU]);
  });

  it('gives up a frame whose end block never came when the next start block arrives', () => {
    const stream = Buffer.concat([frameMllp(ADT).subarray(0, 50), frameMllp(ORU)]);
    expect(outcome(feed(new MllpDecoder(), stream, 9))).toEqual(['!start block inside a frame: 49 bytes without an end block discarded', ORU]);
  });

  it('reports an empty frame and reads on', () => {
    const stream = Buffer.concat([Buffer.from([0x0b, 0x1c, 0x0d]), frameMllp(ADT)]);
    expect(outcome(new MllpDecoder().push(stream))).toEqual(['!empty frame', ADT]);
  });

  it('skips an oversized frame without holding it, then reads the next message', () => {
    const decoder = new MllpDecoder({ maxMessageBytes: 100 });
    const huge = frameMllp(`MSH|^~\\&|${'x'.repeat(5000)}\r`);
    const small = frameMllp('MSH|^~\\&|OK\r');
    const results: MllpResult[] = [];
    let peak = 0;
    for (let at = 0; at < huge.length; at += 10) {
      results.push(...decoder.push(huge.subarray(at, at + 10)));
      peak = Math.max(peak, decoder.bufferedBytes);
    }
    results.push(...decoder.push(small));
    expect(outcome(results)).toEqual(['!frame larger than 100 bytes: skipped to its end block', 'MSH|^~\\&|OK\r']);
    expect(peak).toBeLessThanOrEqual(100);
  });

  it('accepts a frame of exactly the maximum size and refuses one byte more', () => {
    const exact = 'M'.repeat(100);
    expect(outcome(new MllpDecoder({ maxMessageBytes: 100 }).push(frameMllp(exact)))).toEqual([exact]);
    expect(outcome(new MllpDecoder({ maxMessageBytes: 100 }).push(frameMllp(`${exact}M`)))).toEqual(['!frame larger than 100 bytes: skipped to its end block']);
  });

  it('holds at most 1 MiB by default however much a sender streams without an end block', () => {
    const decoder = new MllpDecoder();
    expect(decoder.maxMessageBytes).toBe(DEFAULT_MAX_MESSAGE_BYTES);
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const results = decoder.push(Buffer.from([0x0b]));
    let peak = 0;
    for (let i = 0; i < 48; i += 1) {
      results.push(...decoder.push(chunk));
      peak = Math.max(peak, decoder.bufferedBytes);
    }
    expect(peak).toBeLessThanOrEqual(DEFAULT_MAX_MESSAGE_BYTES);
    expect(decoder.bufferedBytes).toBe(0);
    results.push(...decoder.push(Buffer.from([0x1c, 0x0d])), ...decoder.push(frameMllp(ADT)));
    expect(outcome(results)).toEqual([`!frame larger than ${DEFAULT_MAX_MESSAGE_BYTES} bytes: skipped to its end block`, ADT]);
  });

  it('resynchronises on a start block inside an oversized frame', () => {
    const decoder = new MllpDecoder({ maxMessageBytes: 10 });
    const stream = Buffer.concat([Buffer.from([0x0b]), Buffer.alloc(50, 0x41), frameMllp('MSH|^~\\&|')]);
    expect(outcome(feed(decoder, stream, 5))).toEqual(['!frame larger than 10 bytes: skipped to its end block', 'MSH|^~\\&|']);
    // in one chunk the lost end block is what gets reported
    expect(outcome(new MllpDecoder({ maxMessageBytes: 10 }).push(stream))).toEqual([
      '!start block inside a frame: 50 bytes without an end block discarded',
      'MSH|^~\\&|',
    ]);
  });

  it('reports endless junk every maxMessageBytes without keeping it', () => {
    const decoder = new MllpDecoder({ maxMessageBytes: 100 });
    const results = feed(decoder, Buffer.alloc(250, 0x41), 25);
    expect(outcome(results)).toEqual(['!100 bytes outside a frame ignored', '!100 bytes outside a frame ignored']);
    expect(outcome(decoder.finish())).toEqual(['!50 bytes outside a frame ignored']);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('reports a frame cut off by the connection closing, then starts clean', () => {
    const decoder = new MllpDecoder();
    decoder.push(frameMllp(ADT).subarray(0, 30));
    expect(outcome(decoder.finish())).toEqual(['!connection closed inside a frame (29 bytes without an end block)']);
    expect(decoder.bufferedBytes).toBe(0);
    expect(decoder.finish()).toEqual([]);
    expect(outcome(decoder.push(frameMllp(ORU)))).toEqual([ORU]);
  });

  it('does not keep the caller’s chunk alive through a view', () => {
    const decoder = new MllpDecoder();
    const chunk = Buffer.concat([frameMllp(ADT), Buffer.from([0x0b]), Buffer.from('MSH|')]);
    const [result] = decoder.push(chunk);
    chunk.fill(0);
    expect(result?.ok && result.message.toString('utf8')).toBe(ADT);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxMessageBytes %s', (maxMessageBytes) => {
    expect(() => new MllpDecoder({ maxMessageBytes })).toThrow(RangeError);
  });
});
