import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sniffFileKind } from '../../../src/uploads/file-kind';
import { inspectUploadedFile } from '../../../src/uploads/inspect-upload';

describe('inspecting an upload piece by piece', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesbench-inspect-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function file(content: Buffer): string {
    const at = path.join(dir, crypto.randomBytes(6).toString('hex'));
    fs.writeFileSync(at, content);
    return at;
  }

  it('when a DOCX entry name straddles two pieces, then it is still a DOCX, judged as the whole file would be, with its SHA-256', async () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
    const before = 256 * 1024 - zip.length - 8;
    const content = Buffer.concat([zip, Buffer.alloc(before, 0x20), Buffer.from('word/document.xml'), Buffer.alloc(300_000, 0x41), Buffer.from('[Content_Types].xml')]);
    const result = await inspectUploadedFile(file(content));
    expect(result).toEqual({ kind: 'docx', sha256: crypto.createHash('sha256').update(content).digest('hex') });
    expect(sniffFileKind(content)).toBe('docx');
  });

  it('when a ZIP lacks one of the names, or the bytes are no known kind, then the kind is undefined; a PDF by its header is a PDF', async () => {
    const zipOnly = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(400_000, 0x20), Buffer.from('word/document.xml')]);
    expect((await inspectUploadedFile(file(zipOnly))).kind).toBeUndefined();
    expect((await inspectUploadedFile(file(Buffer.from('#!/bin/sh\n')))).kind).toBeUndefined();
    expect((await inspectUploadedFile(file(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600_000, 0x30)])))).kind).toBe('pdf');
  });
});
