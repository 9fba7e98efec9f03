import fs from 'node:fs';
import mammoth from 'mammoth';
import { kindOfMimeType, sniffFileKind } from '../uploads/file-kind';
import { type ExtractionOutcome, normaliseText, outcomeOfText } from './resume-text';

/** The document kinds whose text can be read. */
export type ReadableKind = 'pdf' | 'docx';

/** A stored file that is not in storage any more. */
export type FileMissing = { readonly status: 'missing' };

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

/** PDF.js's parser (no type declarations of its own: only handed over). */
const PDFJS_PARSER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

let pdfjsLoaded: Promise<Pdfjs> | undefined;

/**
 * PDF.js, loaded once per thread. Its own worker is not used: this code already runs in a thread of
 * its own, so its parser is handed to it directly (`globalThis.pdfjsWorker`) and runs here.
 */
function loadPdfjs(): Promise<Pdfjs> {
  pdfjsLoaded ??= (async () => {
    const parser: unknown = await import(PDFJS_PARSER);
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = parser;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsLoaded;
}

/** The text of a PDF's pages, read until `maxChars` of normalised text are reached. */
async function readPdf(bytes: Uint8Array, maxChars: number): Promise<ExtractionOutcome> {
  const pdfjs = await loadPdfjs();
  // Nothing is fetched: no standard fonts, no character maps, no font faces, no eval'd code.
  const task = pdfjs.getDocument({
    data: bytes,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const pages: string[] = [];
    let length = 0;
    for (let n = 1; n <= pdf.numPages && length < maxChars; n += 1) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const text = normaliseText(content.items.map((item) => ('str' in item ? `${item.str}${item.hasEOL ? '\n' : ''}` : '')).join(''), maxChars);
      page.cleanup();
      if (text !== '') {
        pages.push(text);
        length += text.length + 1;
      }
    }
    return outcomeOfText(pages.join(' '), maxChars);
  } catch (err) {
    if (err instanceof Error && err.name === 'PasswordException') return { status: 'none', reason: 'encrypted' };
    return { status: 'none', reason: 'malformed' };
  } finally {
    await task.destroy();
  }
}

/** The raw text of a DOCX's main document (paragraphs, tables, lists). */
async function readDocx(bytes: Uint8Array, maxChars: number): Promise<ExtractionOutcome> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return outcomeOfText(result.value, maxChars);
  } catch {
    // Not a ZIP, no main document part, broken XML: the file is damaged.
    return { status: 'none', reason: 'malformed' };
  }
}

/**
 * Reads the text of one document. Never throws for a bad document: an unreadable one is an outcome
 * ("none" with the reason). Runs in the extraction thread only; the app's main thread never parses.
 */
export async function extractDocument(kind: ReadableKind, bytes: Uint8Array, maxChars: number): Promise<ExtractionOutcome> {
  return kind === 'pdf' ? readPdf(bytes, maxChars) : readDocx(bytes, maxChars);
}

/**
 * Reads a stored file and its text, in the extraction thread: the app's main thread neither holds
 * nor parses the document. What the bytes are decides, as at upload; the recorded type only when
 * the bytes say nothing.
 */
export async function readDocumentFile(filePath: string, mimeType: string, maxChars: number): Promise<ExtractionOutcome | FileMissing> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(filePath);
  } catch {
    return { status: 'missing' };
  }
  const kind = sniffFileKind(bytes) ?? kindOfMimeType(mimeType);
  if (kind !== 'pdf' && kind !== 'docx') return { status: 'none', reason: kind === undefined ? 'malformed' : 'unsupported' };
  return extractDocument(kind, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxChars);
}
