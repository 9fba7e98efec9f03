import { PDFDocument, StandardFonts } from 'pdf-lib';
import yazl from 'yazl';

/** A real PDF with a text layer (pdf-lib, a standard font: Latin text only), one page per entry. */
export async function textPdf(pages: readonly string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 16, size: 11, font }));
  }
  return Buffer.from(await doc.save());
}

/** The same PDF cut in half: a valid header, then bytes that end mid-object, no cross-reference table. */
export async function truncatedPdf(): Promise<Buffer> {
  const whole = await textPdf([['Truncated résumé, never to be read']]);
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/** A PDF with a page whose only content is an image: what a scanner makes (no text layer). */
export async function imageOnlyPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  // A 1×1 grey PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');
  const image = await doc.embedPng(png);
  doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return Buffer.from(await doc.save());
}

/** A PDF written by hand from its objects, with a correct cross-reference table. */
export function handWrittenPdf(objects: readonly string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A password-protected PDF: the standard security handler (revision 2) in the trailer's /Encrypt,
 * whose user-password check fails for the empty password, so a reader must ask for one.
 */
export function encryptedPdf(): Buffer {
  const hash = `<${'ab'.repeat(32)}>`;
  return handWrittenPdf(
    ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>', `<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O ${hash} /U ${hash} >>`],
    '/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]',
  );
}

/**
 * A large PDF of plain text pages written by hand (fast at any size): `pages` pages of 60 lines,
 * each page's content stream uncompressed (about 7 KB a page).
 */
export function largeTextPdf(pages: number): Buffer {
  const line = 'Quota attainment, pipeline reviews, discovery calls, negotiation and closing with enterprise buyers';
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  const kids: string[] = [];
  for (let p = 0; p < pages; p += 1) {
    const pageObject = objects.length + 1;
    const stream = `BT /F1 8 Tf 20 800 Td 12 TL ${Array.from({ length: 60 }, (_, l) => `(${p}.${l} ${line}) '`).join(' ')} ET`;
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageObject + 1} 0 R >>`);
    objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
    kids.push(`${pageObject} 0 R`);
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  return handWrittenPdf(objects);
}

async function zip(entries: readonly (readonly [string, string])[], options: { compress?: boolean } = {}): Promise<Buffer> {
  const archive = new yazl.ZipFile();
  for (const [name, content] of entries) archive.addBuffer(Buffer.from(content, 'utf8'), name, { compress: options.compress ?? true });
  archive.end();
  const chunks: Buffer[] = [];
  for await (const chunk of archive.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELATIONSHIPS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A minimal real DOCX: one paragraph per entry. */
export function docx(paragraphs: readonly string[]): Promise<Buffer> {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(p)}</w:t></w:r></w:p>`).join('');
  const document = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return zip([
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', RELATIONSHIPS],
    ['word/document.xml', document],
  ]);
}

/**
 * A valid ZIP that names word/document.xml in its (stored, uncompressed) content types, so it passes
 * as a DOCX at upload, but has no such part.
 */
export function docxWithoutDocument(): Promise<Buffer> {
  return zip(
    [
      ['[Content_Types].xml', CONTENT_TYPES],
      ['_rels/.rels', RELATIONSHIPS],
    ],
    { compress: false },
  );
}
