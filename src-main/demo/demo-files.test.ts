import { describe, expect, it } from 'vitest';
import { checkAttachment } from '../../src-shared/attachments/files.js';
import { demoPdf, demoPng } from './demo-files.js';

describe('the demo’s files', () => {
  it('a PDF that is taken as one, whose cross-reference table is where the trailer says and names each object where it starts', () => {
    const pdf = demoPdf(['Letter from the patient (demo)', 'A line with (brackets) and a \\ backslash']);
    expect(checkAttachment('letter.pdf', pdf)).toEqual({ ok: true, fileName: 'letter.pdf', mediaType: 'application/pdf' });
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((offset, i) => expect(text.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
    expect(text).toContain('(A line with \\(brackets\\) and a \\\\ backslash)');
  });

  it('a PNG that is taken as one, of the size asked', () => {
    const png = demoPng(320, 240, [205, 214, 222]);
    expect(checkAttachment('photo.png', png)).toMatchObject({ ok: true, mediaType: 'image/png' });
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([320, 240]);
  });
});
