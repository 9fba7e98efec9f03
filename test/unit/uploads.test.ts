import { cleanFileName, sniffFileKind } from '../../src/uploads/file-kind';

const zipWith = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), ...names.map((n) => Buffer.from(n, 'latin1'))]);

describe('sniffFileKind', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n...'), 'pdf'],
    ['a DOCX', zipWith('[Content_Types].xml', 'word/document.xml'), 'docx'],
    ['a ZIP that is not a Word document', zipWith('[Content_Types].xml', 'xl/workbook.xml'), undefined],
    ['a PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'png'],
    ['a JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    ['a shell script named .pdf', Buffer.from('#!/bin/sh\nrm -rf /\n'), undefined],
    ['HTML', Buffer.from('<html><script>alert(1)</script>'), undefined],
    ['an empty file', Buffer.alloc(0), undefined],
  ])('when the content is %s, then the kind is %p', (_label, content, kind) => {
    expect(sniffFileKind(content)).toBe(kind);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['cv.pdf', 'cv.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\win.ini', 'win.ini'],
    ['.hidden', 'hidden'],
    ['résumé\u0000\n.docx', 'résumé.docx'],
    ['', 'file'],
    ['/', 'file'],
  ])('when the name is %p, then %p is kept', (name, expected) => {
    expect(cleanFileName(name)).toBe(expected);
  });
});
