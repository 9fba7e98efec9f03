import { Router, type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { MessageKey } from '../i18n/i18n';
import { listOpeningChoices, listStagesOf } from '../openings/openings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { field } from '../web/body';
import { BadRequestError } from '../web/errors';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { holdsNul } from '../web/nul-bytes';
import { renderPage } from '../web/render';
import { CANDIDATE_SOURCES, type CandidateSource } from './candidate';
import { DELIMITER_CHOICES, type DelimiterChoice, ENCODING_CHOICES, type EncodingChoice, IMPORT_FIELDS, MAX_IMPORT_BYTES, MAX_IMPORT_COLUMNS } from './import';
import { discardImport, type ImportChoices, ImportFileError, type ImportPlan, type PlanOutcome, previewImport, runImport, uploadImportFile } from './import.use-cases';

/** The most rows the preview lists in full, and the most refused rows it lists. */
const SHOWN_ROWS = 50;
const SHOWN_REFUSED = 500;

/**
 * The choices posted with the preview form, and a message for each one that is not a value the form
 * offers (an empty opening or stage is none; a missing encoding, delimiter or source is the default).
 * The mapping is cleaned by the use case: a column mapped to nothing known is left out.
 */
function parseChoices(body: unknown): { choices: ImportChoices; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const choose = <T extends string>(name: string, values: readonly T[], fallback: T): T => {
    const value = field(body, name);
    if (value === '') return fallback;
    if ((values as readonly string[]).includes(value)) return value as T;
    errors[name] = 'validation.invalid';
    return fallback;
  };
  const id = (name: string): number | undefined => {
    const value = field(body, name);
    const parsed = positiveInt(value);
    if (value !== '' && parsed === undefined) errors[name] = 'validation.invalid';
    return parsed;
  };
  const columns = Math.min(positiveInt(field(body, 'columns')) ?? 0, MAX_IMPORT_COLUMNS);
  const mapping = columns > 0 ? Array.from({ length: columns }, (_, i) => field(body, `column_${i}`)) : undefined;
  const openingId = id('opening_id');
  const stageId = id('stage_id');
  const choices: ImportChoices = {
    encoding: choose<EncodingChoice>('encoding', ENCODING_CHOICES, 'auto'),
    delimiter: choose<DelimiterChoice>('delimiter', DELIMITER_CHOICES, 'auto'),
    ...(mapping ? { mapping } : {}),
    ...(openingId !== undefined ? { openingId } : {}),
    ...(stageId !== undefined ? { stageId } : {}),
    defaultSource: choose<CandidateSource>('default_source', CANDIDATE_SOURCES, 'outbound'),
  };
  return { choices, errors };
}

/** Reads the one file of the upload form into memory (at most 5 MB); a file too large becomes a message, not an error page. */
function readUpload(req: Request, res: Response, next: NextFunction): void {
  // Browsers send file names as UTF-8 without saying so ("кандидаты.csv").
  multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12 }, defParamCharset: 'utf8' }).single('file')(req, res, (err: unknown) => {
    req.body ??= {};
    if (err instanceof multer.MulterError) {
      (req as Request & { importError?: MessageKey }).importError = err.code === 'LIMIT_FILE_SIZE' ? 'import.error.tooLarge' : 'import.error.noFile';
      return next();
    }
    if (err) return next((err as NodeJS.ErrnoException).syscall ? err : new BadRequestError());
    if (holdsNul(req.body)) return next(new BadRequestError());
    next();
  });
}

function importIdParam(req: Request): number {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
}

interface PreviewState {
  readonly importId: number;
  readonly choices: ImportChoices;
  readonly outcome: PlanOutcome;
  readonly formErrors?: FieldErrors;
}

function uploadPage(req: Request, res: Response, fieldErrors: FieldErrors = {}, params: Readonly<Record<string, number>> = {}, status = 200) {
  return renderPage(req, res, 'candidates/import', { title: 'import.title', fieldErrors, errorParams: params, values: {} }, status);
}

async function previewPage(deps: UseCaseDeps, req: Request, res: Response, state: PreviewState, status = 200): Promise<void> {
  const openings = (await listOpeningChoices(deps.db, req.user!)).filter((o) => o.status !== 'closed');
  const stages = await listStagesOf(deps.db, openings.map((o) => o.id), languageOf(req));
  const plan: ImportPlan | undefined = state.outcome.ok ? state.outcome.plan : undefined;
  const rows = plan?.rows ?? [];
  const refused = rows.filter((r) => r.kind === 'refuse');
  const fieldErrors: FieldErrors = { ...(state.outcome.ok ? {} : state.outcome.errors), ...(plan?.missingName ? { column_0: 'import.error.noNameColumn' } : {}), ...(state.formErrors ?? {}) };
  await renderPage(
    req,
    res,
    'candidates/import-preview',
    {
      title: 'import.title',
      importId: state.importId,
      fileName: state.outcome.ok ? state.outcome.plan.fileName : state.outcome.fileName,
      plan,
      shown: rows.slice(0, SHOWN_ROWS),
      shownCount: SHOWN_ROWS,
      refused: refused.slice(0, SHOWN_REFUSED),
      refusedMore: Math.max(0, refused.length - SHOWN_REFUSED),
      fieldErrors,
      errorParams: state.outcome.ok ? {} : (state.outcome.params ?? {}),
      choices: { ...state.choices, openingId: state.choices.openingId ?? '', stageId: state.choices.stageId ?? '' },
      encodings: ENCODING_CHOICES,
      delimiters: DELIMITER_CHOICES,
      fields: IMPORT_FIELDS,
      sources: CANDIDATE_SOURCES,
      openings,
      stageGroups: openings.map((o) => ({ opening: o, stages: stages.filter((s) => s.openingId === o.id) })).filter((g) => g.stages.length > 0),
    },
    Object.keys(fieldErrors).length > 0 ? 422 : status,
  );
}

/**
 * Importing candidates from a spreadsheet: the upload form, the preview (the file read with the
 * user's choices, what each row would do), the import itself and cancelling it. Every step is the
 * uploader's own (another user's import is a 404) and every POST carries the CSRF token.
 */
export function createImportRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/candidates/import', allow('candidates:manage'), async (req, res) => {
    await uploadPage(req, res);
  });
  router.post('/candidates/import', allow('candidates:manage'), readUpload, async (req, res) => {
    const tooLarge = (req as Request & { importError?: MessageKey }).importError;
    if (tooLarge) return uploadPage(req, res, { file: tooLarge }, {}, tooLarge === 'import.error.tooLarge' ? 413 : 422);
    if (!req.file) return uploadPage(req, res, { file: 'import.error.noFile' }, {}, 422);
    try {
      const id = await uploadImportFile(deps, req.user!, { fileName: req.file.originalname || 'import.csv', bytes: req.file.buffer });
      res.redirect(303, `/candidates/import/${id}`);
    } catch (err) {
      if (err instanceof ImportFileError) return uploadPage(req, res, err.fieldErrors, err.params, 422);
      if (err instanceof ValidationError) return uploadPage(req, res, err.fieldErrors, {}, 422);
      throw err;
    }
  });
  router.get('/candidates/import/:id', allow('candidates:manage'), async (req, res) => {
    const importId = importIdParam(req);
    const { choices } = parseChoices({});
    const outcome = await previewImport(deps, req.user!, importId, choices, languageOf(req));
    await previewPage(deps, req, res, { importId, choices, outcome });
  });
  router.post('/candidates/import/:id', allow('candidates:manage'), async (req, res) => {
    const importId = importIdParam(req);
    const { choices, errors } = parseChoices(req.body);
    const importing = field(req.body, 'action') === 'import';
    if (Object.keys(errors).length > 0) {
      const outcome = await previewImport(deps, req.user!, importId, { encoding: choices.encoding, delimiter: choices.delimiter, defaultSource: choices.defaultSource, ...(choices.mapping ? { mapping: choices.mapping } : {}) }, languageOf(req));
      return previewPage(deps, req, res, { importId, choices, outcome, formErrors: errors }, 422);
    }
    try {
      const outcome = importing ? await runImport(deps, req.user!, importId, choices, languageOf(req)) : await previewImport(deps, req.user!, importId, choices, languageOf(req));
      if (!importing || !outcome.ok) return previewPage(deps, req, res, { importId, choices, outcome }, outcome.ok ? 200 : 422);
      addFlash(req, { kind: 'success', message: 'import.done', params: outcome.plan.summary });
      res.redirect(303, '/candidates?sort=activity');
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      // The choices or the database refused: the preview again, as it is now (without an opening or stage that was refused), with the message.
      const targetRefused = err.fieldErrors.opening_id !== undefined || err.fieldErrors.stage_id !== undefined;
      const { openingId: _opening, stageId: _stage, ...untargeted } = choices;
      const outcome = await previewImport(deps, req.user!, importId, targetRefused ? untargeted : choices, languageOf(req));
      await previewPage(deps, req, res, { importId, choices, outcome, formErrors: err.fieldErrors }, 422);
    }
  });
  router.post('/candidates/import/:id/discard', allow('candidates:manage'), async (req, res) => {
    await discardImport(deps, req.user!, importIdParam(req));
    addFlash(req, { kind: 'success', message: 'import.discarded' });
    res.redirect(303, '/candidates');
  });
  return router;
}
