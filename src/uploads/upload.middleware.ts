import crypto from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { MessageKey } from '../i18n/i18n';
import type { AcceptedUpload } from './accepted-upload';
import { cleanFileName, downloadName, type FileKind, kindOfMimeType, MIME_TYPES } from './file-kind';
import type { FileStorage } from './file-storage';
import { inspectUploadedFile } from './inspect-upload';
import { NotFoundError } from '../shared/errors';
import { BadRequestError } from '../web/errors';
import { holdsNul } from '../web/nul-bytes';


/** What a download needs of a stored file's row. */
export interface SendableFile {
  readonly storageKey: string;
  readonly originalName: string;
  readonly mimeType: string;
  readonly sizeBytes?: number;
}

export interface UploadOutcome {
  /** The checked file, when one was sent and it passed. */
  readonly file?: AcceptedUpload;
  /** Why the file was refused; the rest of the form is in req.body as usual. */
  readonly error?: MessageKey;
}

const OUTCOME = Symbol('salesbench.upload');

export function uploadOutcome(req: Request): UploadOutcome {
  return (req as Request & { [OUTCOME]?: UploadOutcome })[OUTCOME] ?? {};
}

/**
 * Parses a multipart form with one optional file field. The file is written to tmp/ under a
 * random name, then checked: not empty, not over `maxBytes`, and of one of `kinds` judged by its
 * content. A refused file is deleted at once. (CSRF was already checked before parsing: multipart
 * forms carry the token in their action URL, see web/csrf.ts.)
 */
export function acceptUpload(options: { storage: FileStorage; field: string; kinds: readonly FileKind[]; maxBytes: number }): RequestHandler[] {
  const { storage, field, kinds, maxBytes } = options;
  const parser = multer({
    storage: multer.diskStorage({
      destination: storage.tmpDir,
      filename: (_req, _file, cb) => cb(null, `${crypto.randomBytes(16).toString('hex')}.part`),
    }),
    limits: { fileSize: maxBytes, files: 1, fields: 100, fieldSize: 100_000, parts: 110 },
    // Browsers send file names as UTF-8 without saying so; the default latin1 garbles "Résumé.pdf".
    defParamCharset: 'utf8',
  }).single(field);

  const setOutcome = (req: Request, outcome: UploadOutcome) => Object.assign(req, { [OUTCOME]: outcome });

  const parse = (req: Request, res: Response, next: NextFunction) => {
    parser(req, res, (err: unknown) => {
      req.body ??= {};
      if (err instanceof multer.MulterError) {
        setOutcome(req, { error: err.code === 'LIMIT_FILE_SIZE' ? 'upload.tooLarge' : 'upload.invalid' });
        return next();
      }
      // A body the multipart parser cannot read ("Malformed part header", a cut-off form) is the
      // client's fault; only file-system errors (they carry a syscall) are the server's.
      if (err) return next((err as NodeJS.ErrnoException).syscall ? err : new BadRequestError());
      // Multipart fields arrive only here, after the app-wide check of urlencoded forms.
      if (holdsNul(req.body)) return next(new BadRequestError());
      next();
    });
  };

  const check = async (req: Request, _res: Response, next: NextFunction) => {
    const file = req.file;
    if (uploadOutcome(req).error || !file) return next();
    try {
      if (file.size === 0) {
        await storage.removeTemp(file.path);
        setOutcome(req, { error: 'upload.empty' });
        return next();
      }
      const { kind, sha256 } = await inspectUploadedFile(file.path);
      if (!kind || !kinds.includes(kind)) {
        await storage.removeTemp(file.path);
        setOutcome(req, { error: 'upload.wrongType' });
        return next();
      }
      setOutcome(req, {
        file: {
          tempPath: file.path,
          originalName: downloadName(cleanFileName(file.originalname, `file.${kind}`), kind),
          kind,
          mimeType: MIME_TYPES[kind],
          size: file.size,
          sha256,
        },
      });
      next();
    } catch (err) {
      next(err);
    }
  };

  // Once the response is sent, a temp file that no route kept is deleted.
  const cleanUp = (req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      const file = req.file;
      if (file) void storage.removeTemp(file.path).catch(() => undefined);
    });
    next();
  };

  return [cleanUp, parse, check];
}

/**
 * Sends a kept file as a download: never rendered inline, never sniffed by the browser, and named
 * with the extension of what its bytes are (files kept before that rule included).
 */
export async function sendStoredFile(res: Response, storage: FileStorage, file: SendableFile): Promise<void> {
  res.set({ 'Content-Disposition': contentDisposition('attachment', file), 'Cache-Control': 'private, no-store' });
  await sendChecked(res, storage, file);
}

/**
 * Sends a kept PDF to be shown inside one of the app's own pages (a frame). Only a file whose bytes
 * were judged a PDF goes out inline; anything else is refused (false is returned and nothing is
 * sent), so a DOCX stays a download. The response sandboxes itself: it may be framed by the app's
 * pages only, loads nothing, and runs in a unique origin, framed or opened alone. (The sandbox is
 * the response's, not the frame's attribute: Chromium draws no PDF inside a sandboxed iframe.)
 */
export async function sendStoredPdfInline(res: Response, storage: FileStorage, file: SendableFile): Promise<boolean> {
  if (kindOfMimeType(file.mimeType) !== 'pdf') return false;
  res.set({
    'Content-Disposition': contentDisposition('inline', file),
    'Content-Security-Policy': "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'; sandbox allow-scripts",
    'X-Frame-Options': 'SAMEORIGIN',
    'Cache-Control': 'private, no-store',
  });
  await sendChecked(res, storage, file);
  return true;
}

function contentDisposition(type: 'attachment' | 'inline', file: { originalName: string; mimeType: string }): string {
  const name = downloadName(file.originalName, kindOfMimeType(file.mimeType));
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendChecked(res: Response, storage: FileStorage, file: SendableFile): Promise<void> {
  res.set({ 'Content-Type': file.mimeType, 'X-Content-Type-Options': 'nosniff' });
  await sendStoredBytes(res, storage, file);
}

/**
 * Sends a kept file's bytes with the headers already set: from disk with sendFile, from the
 * database piece by piece as the client takes them (a slow client holds one piece, not the file).
 * A file missing from storage answers 404.
 */
export async function sendStoredBytes(res: Response, storage: FileStorage, file: { storageKey: string; sizeBytes?: number }): Promise<void> {
  const local = storage.localPath(file.storageKey);
  if (local) {
    return new Promise<void>((resolve, reject) =>
      res.sendFile(local, (err?: NodeJS.ErrnoException) => {
        // Gone from disk answers 404 as it does from the database; a client gone mid-download is no error.
        if (!err || res.headersSent) resolve();
        else reject(err.code === 'ENOENT' ? new NotFoundError() : err);
      }),
    );
  }
  const source = await storage.open(file.storageKey);
  if (!source) throw new NotFoundError();
  if (file.sizeBytes !== undefined) res.set('Content-Length', String(file.sizeBytes));
  try {
    await pipeline(source, res);
  } catch (err) {
    // A client that went away mid-download is no server error; anything before the first byte is.
    if (!res.headersSent) throw err;
  }
}
