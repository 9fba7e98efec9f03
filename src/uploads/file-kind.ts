export const FILE_KINDS = ['pdf', 'docx', 'png', 'jpeg'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const MIME_TYPES: Readonly<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const ZIP_LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What a file really is, judged from its bytes, never from its name: PDF by its `%PDF-` header,
 * DOCX as a ZIP archive holding `word/document.xml` and `[Content_Types].xml`, PNG and JPEG by
 * their signatures. Anything else is undefined.
 */
export function sniffFileKind(content: Buffer): FileKind | undefined {
  // Entry names are stored uncompressed in the local headers and the central directory.
  return kindOfSignature(content, DOCX_ENTRY_NAMES.every((name) => content.includes(name, 0, 'latin1')));
}

/** The entry names that make a ZIP archive a DOCX. */
export const DOCX_ENTRY_NAMES = ['word/document.xml', '[Content_Types].xml'] as const;

/** The kind told by a file's first bytes, and for a ZIP archive whether it names DOCX's entries anywhere. */
export function kindOfSignature(head: Buffer, namesDocxEntries: boolean): FileKind | undefined {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 4 && head.subarray(0, 4).equals(ZIP_LOCAL_HEADER) && namesDocxEntries) return 'docx';
  return undefined;
}

/** A file name safe to show and to send back in Content-Disposition: no path, no control characters. */
export function cleanFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned === '' ? fallback : cleaned;
}

/** The extension a downloaded file gets for each kind: what the bytes are, whatever the sender called it. */
export const EXTENSIONS: Readonly<Record<FileKind, string>> = { pdf: '.pdf', docx: '.docx', png: '.png', jpeg: '.jpg' };

/** The kind a stored MIME type names, if it is one of ours. */
export function kindOfMimeType(mimeType: string): FileKind | undefined {
  return FILE_KINDS.find((kind) => MIME_TYPES[kind] === mimeType);
}

/**
 * The name a file is offered under: the name it was uploaded with, its last extension replaced by the
 * extension of the kind its bytes were judged to be. A PDF sent as "cv.hta" downloads as "cv.pdf", so
 * saving and opening it can never run it as something else.
 */
export function downloadName(originalName: string, kind: FileKind | undefined): string {
  const cleaned = cleanFileName(originalName);
  if (!kind) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const stem = dot > 0 ? cleaned.slice(0, dot) : cleaned;
  return `${stem}${EXTENSIONS[kind]}`;
}
