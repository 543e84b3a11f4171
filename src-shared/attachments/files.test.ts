import { describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_MAX, checkAttachment, cleanFileName, extensionOf, sizeParts, sniffMediaType } from './files.js';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR');
const WEBP = bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ');
const HEIC = bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
const MP4 = bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]);
const ZIP = bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]);
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0]);
const ELF = bytes([0x7f], 'ELF', [2, 1, 1, 0]);
const TEXT = new TextEncoder().encode('انتظرت ثلاث ساعات في العيادة.\r\nWaited three hours.\tEnd\n');

describe('the type of a file is its content’s', () => {
  it.each([
    ['a PDF', PDF, 'pdf', 'application/pdf'],
    ['a JPEG photo', JPEG, 'jpg', 'image/jpeg'],
    ['a PNG', PNG, 'png', 'image/png'],
    ['a WebP', WEBP, 'webp', 'image/webp'],
    ['an iPhone photo (HEIC)', HEIC, 'heic', 'image/heic'],
    ['an MP4 video (ftyp, not a still image)', MP4, 'mp4', null],
    ['a Word file (a ZIP called .docx)', ZIP, 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['an Excel file (a ZIP called .xlsx)', ZIP, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['any other ZIP', ZIP, 'zip', null],
    ['a Windows program', EXE, 'exe', null],
    ['a Linux program', ELF, 'pdf', null],
    ['Arabic and English text', TEXT, 'txt', 'text/plain'],
    ['text with a NUL byte', bytes('abc', [0], 'def'), 'txt', null],
    ['bytes that are not UTF-8', bytes([0xc3, 0x28, 0x41]), 'txt', null],
    ['nothing', new Uint8Array(0), 'txt', null],
  ])('%s', (_name, content, extension, expected) => {
    expect(sniffMediaType(content, extension)).toBe(expected);
  });
});

describe('whether a file may be attached', () => {
  it.each([
    ['a letter as PDF', 'letter.pdf', PDF, { ok: true, fileName: 'letter.pdf', mediaType: 'application/pdf' }],
    ['a photo whose extension is in capitals', 'IMG_0042.JPEG', JPEG, { ok: true, fileName: 'IMG_0042.JPEG', mediaType: 'image/jpeg' }],
    ['an Arabic file name', 'شكوى المريض.pdf', PDF, { ok: true, fileName: 'شكوى المريض.pdf', mediaType: 'application/pdf' }],
    ['a path sent as the name keeps only the name', 'C:\\Users\\px\\Desktop\\scan.png', PNG, { ok: true, fileName: 'scan.png', mediaType: 'image/png' }],
    ['a program renamed .pdf', 'report.pdf', EXE, { ok: false, problem: 'field.attachment_type' }],
    ['a PDF named .png (would open in the wrong program)', 'photo.png', PDF, { ok: false, problem: 'field.attachment_type' }],
    ['a PDF without an extension', 'letter', PDF, { ok: false, problem: 'field.attachment_type' }],
    ['a text named .html', 'page.html', TEXT, { ok: false, problem: 'field.attachment_type' }],
    ['an empty file', 'empty.txt', new Uint8Array(0), { ok: false, problem: 'field.attachment_empty' }],
    ['a name of dots only', '..', PDF, { ok: false, problem: 'field.attachment_name' }],
    ['a name of control characters only', '\u0000\u0001', PDF, { ok: false, problem: 'field.attachment_name' }],
  ])('%s', (_name, fileName, content, expected) => {
    expect(checkAttachment(fileName, content)).toEqual(expected);
  });

  it('refuses a file one byte over the limit, and takes one at it', () => {
    const atLimit = new Uint8Array(ATTACHMENT_MAX_BYTES);
    atLimit.set(PDF);
    expect(checkAttachment('scan.pdf', atLimit)).toMatchObject({ ok: true });
    const over = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    over.set(PDF);
    expect(checkAttachment('scan.pdf', over)).toEqual({ ok: false, problem: 'field.attachment_too_large' });
  });
});

describe('file names', () => {
  it.each([
    ['report.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['.bashrc', ''],
    ['README', ''],
  ])('the extension of %s is "%s"', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });

  it.each([
    ['bidi controls that would disguise the extension', 'photo\u202Egpj.pdf', 'photogpj.pdf'],
    ['characters a file system refuses', 'a<b>:c"d|e?f*.txt', 'abcdef.txt'],
    ['a Unix path', '/etc/passwd', 'passwd'],
    ['spaces around', '  scan.pdf  ', 'scan.pdf'],
  ])('%s are removed', (_name, raw, cleaned) => {
    expect(cleanFileName(raw)).toBe(cleaned);
  });

  it('shortens a long name and keeps its extension', () => {
    const cleaned = cleanFileName(`${'ا'.repeat(300)}.pdf`);
    expect(cleaned).toHaveLength(ATTACHMENT_NAME_MAX);
    expect(cleaned?.endsWith('.pdf')).toBe(true);
  });
});

describe('sizes as people read them', () => {
  it.each([
    [0, { value: 0, unit: 'byte', fractionDigits: 0 }],
    [1023, { value: 1023, unit: 'byte', fractionDigits: 0 }],
    [1536, { value: 1.5, unit: 'kilobyte', fractionDigits: 1 }],
    [20 * 1024, { value: 20, unit: 'kilobyte', fractionDigits: 0 }],
    [ATTACHMENT_MAX_BYTES, { value: 10, unit: 'megabyte', fractionDigits: 0 }],
    [2.5 * 1024 * 1024, { value: 2.5, unit: 'megabyte', fractionDigits: 1 }],
  ])('%d bytes', (size, expected) => {
    expect(sizeParts(size)).toEqual(expected);
  });
});
