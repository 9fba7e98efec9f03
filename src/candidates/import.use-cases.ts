import { requirePermission } from '../auth/permissions';
import type { Viewer } from '../auth/scopes';
import type { DbOrTrx } from '../db/database';
import { isRefusedByDatabase } from '../db/errors';
import { lockCandidatesShared, lockOpenings } from '../db/locks';
import { runInUnitOfWork, type UseCaseDeps } from '../events/unit-of-work';
import type { Language, MessageKey } from '../i18n/i18n';
import { findOpening, listStages } from '../openings/openings.service';
import { type FieldErrors, NotFoundError, ValidationError } from '../shared/errors';
import type { CandidateSource } from './candidate';
import { findApplicationIdsOn, insertApplications } from './applications.repository';
import { findCandidateIdsByEmail, insertCandidates, isCandidateEmailTaken } from './candidates.repository';
import {
  checkRow,
  cleanMapping,
  type ColumnMapping,
  decodeBytes,
  type Delimiter,
  type DelimiterChoice,
  detectDelimiter,
  emailsOf,
  type Encoding,
  type EncodingChoice,
  guessMapping,
  type KnownCandidate,
  MAX_IMPORT_BYTES,
  parseCsv,
  planImport,
  type PlannedRow,
  summarisePlan,
} from './import';
import { deleteImportFile, findImportFile, storeImportFile } from './import.repository';

/** The uploaded file is refused: the message goes by the file field, with its numbers (the rows counted, the line unreadable). */
export class ImportFileError extends ValidationError {
  constructor(
    messageKey: MessageKey,
    readonly params: Readonly<Record<string, number>>,
  ) {
    super({ file: messageKey });
  }
}

/** How long an uploaded file is kept for its import. */
export const IMPORT_TTL_MS = 60 * 60 * 1000;

/**
 * Keeps an uploaded spreadsheet for the user's import (an hour). Refuses an empty file, one over
 * 5 MB, and one that cannot be read as CSV or holds no rows or too many (ValidationError on `file`).
 */
export async function uploadImportFile(deps: UseCaseDeps, actor: Viewer, input: { fileName: string; bytes: Buffer }): Promise<number> {
  requirePermission(actor, 'candidates:manage');
  if (input.bytes.length === 0) throw new ValidationError({ file: 'import.error.empty' });
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new ValidationError({ file: 'import.error.tooLarge' });
  const { text } = decodeBytes(input.bytes, 'auto');
  const parsed = parseCsv(text, detectDelimiter(text));
  if (!parsed.ok) throw new ImportFileError(parsed.error, parsed.params ?? {});
  const now = deps.clock.now();
  return storeImportFile(deps.db, { userId: actor.id, fileName: input.fileName.slice(0, 200), bytes: input.bytes }, now, new Date(now.getTime() + IMPORT_TTL_MS));
}

/** What the user chose on the import page (the mapping undefined until they see it: guessed from the headers). */
export interface ImportChoices {
  readonly encoding: EncodingChoice;
  readonly delimiter: DelimiterChoice;
  readonly mapping?: readonly unknown[];
  readonly openingId?: number;
  readonly stageId?: number;
  readonly defaultSource: CandidateSource;
}

/** The import as it would run now. */
export interface ImportPlan {
  readonly fileName: string;
  readonly encoding: Encoding;
  readonly delimiter: Delimiter;
  readonly header: readonly string[];
  readonly mapping: ColumnMapping;
  /** The first rows of the file as read. */
  readonly sample: readonly (readonly string[])[];
  readonly rows: readonly PlannedRow[];
  /** No column is mapped to the name (every row is refused for it). */
  readonly missingName: boolean;
  readonly summary: { created: number; joined: number; refused: number };
  readonly openingId: number | null;
  readonly stageId: number | null;
}

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; fileName: string; errors: FieldErrors; params?: Record<string, number> };

/** The chosen opening (open) and stage (of its plan; its first when none is chosen); ValidationError otherwise. */
async function checkTarget(db: DbOrTrx, choices: ImportChoices, language: Language): Promise<{ openingId: number | null; stageId: number | null }> {
  if (choices.openingId === undefined) {
    if (choices.stageId !== undefined) throw new ValidationError({ stage_id: 'import.error.stageWithoutOpening' });
    return { openingId: null, stageId: null };
  }
  const opening = await findOpening(db, choices.openingId, language);
  if (!opening || opening.status === 'closed') throw new ValidationError({ opening_id: 'applications.error.opening' });
  const stages = await listStages(db, opening.id, language);
  if (choices.stageId === undefined) return { openingId: opening.id, stageId: stages[0]?.id ?? null };
  if (!stages.some((s) => s.id === choices.stageId)) throw new ValidationError({ stage_id: 'applications.error.stage' });
  return { openingId: opening.id, stageId: choices.stageId };
}

/** Who of these e-mails is known, and whether they apply to the opening already: one query per 500 of each. */
async function findKnown(db: DbOrTrx, emails: readonly string[], openingId: number | null): Promise<Map<string, KnownCandidate>> {
  const ids = await findCandidateIdsByEmail(db, emails);
  const applied = openingId === null ? new Map<number, number>() : await findApplicationIdsOfMany(db, openingId, [...ids.values()]);
  return new Map([...ids].map(([email, candidateId]) => [email, { candidateId, inOpening: applied.has(candidateId) }]));
}

async function findApplicationIdsOfMany(db: DbOrTrx, openingId: number, candidateIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (let i = 0; i < candidateIds.length; i += 500) for (const [c, a] of await findApplicationIdsOn(db, openingId, candidateIds.slice(i, i + 500))) out.set(c, a);
  return out;
}

/**
 * Reads the user's file with their choices and plans the import against the database as it is now:
 * what each row would do. A file another user uploaded, or one whose hour is up, is NotFoundError.
 * A choice that makes the file unreadable comes back as a message by its field.
 */
async function planWith(db: DbOrTrx, actor: Viewer, importId: number, choices: ImportChoices, language: Language, now: Date): Promise<PlanOutcome> {
  const file = await findImportFile(db, importId, actor.id, now);
  if (!file) throw new NotFoundError();
  const { text, encoding } = decodeBytes(file.bytes, choices.encoding);
  const delimiter = choices.delimiter === 'auto' ? detectDelimiter(text) : choices.delimiter;
  const parsed = parseCsv(text, delimiter);
  if (!parsed.ok) return { ok: false, fileName: file.fileName, errors: { delimiter: parsed.error }, ...(parsed.params ? { params: parsed.params } : {}) };
  const target = await checkTarget(db, choices, language);
  const mapping = choices.mapping ? cleanMapping(choices.mapping, parsed.header.length) : guessMapping(parsed.header);
  const checked = parsed.rows.map((row) => checkRow(row, mapping, choices.defaultSource));
  const known = await findKnown(db, emailsOf(checked), target.openingId);
  const rows = planImport(checked, known, target.openingId !== null);
  return {
    ok: true,
    plan: { fileName: file.fileName, encoding, delimiter, header: parsed.header, mapping, sample: parsed.rows.slice(0, 5), rows, missingName: !mapping.some((f) => f === 'name' || f === 'first_name' || f === 'last_name'), summary: summarisePlan(rows), ...target },
  };
}

/** The preview: the plan of the import with the user's choices, nothing written. */
export async function previewImport(deps: UseCaseDeps, actor: Viewer, importId: number, choices: ImportChoices, language: Language): Promise<PlanOutcome> {
  requirePermission(actor, 'candidates:manage');
  return planWith(deps.db, actor, importId, choices, language, deps.clock.now());
}

/**
 * Imports the file in one transaction, planned again inside it (what the preview showed may have
 * changed meanwhile): the new candidates in batches, the known ones joined, with an opening chosen
 * every one of them applied to it at the chosen stage; refused rows are left out. One event records
 * the import (the search index, the opening's totals and the audit log hear it), and the file is
 * deleted. All or nothing: if the database refuses any of it, nothing is kept and the refusal is a
 * message on the form (ValidationError `_form`).
 */
export async function runImport(deps: UseCaseDeps, actor: Viewer, importId: number, choices: ImportChoices, language: Language): Promise<PlanOutcome> {
  requirePermission(actor, 'candidates:manage');
  try {
    return await runInUnitOfWork(deps, async (uow) => {
      if (choices.openingId !== undefined) await lockOpenings(uow.trx, [choices.openingId]);
      const outcome = await planWith(uow.trx, actor, importId, choices, language, uow.now);
      if (!outcome.ok) return outcome;
      const { plan } = outcome;
      const creating = plan.rows.flatMap((r) => (r.kind === 'create' ? [r.candidate] : []));
      const joinedIds = [...new Set(plan.rows.flatMap((r) => (r.kind === 'join' && 'candidateId' in r ? [r.candidateId] : [])))];
      if (creating.length === 0 && joinedIds.length === 0) throw new ValidationError({ _form: 'import.error.nothing' });
      // The known candidates' rows, shared: an erasure or merge under way waits, or has already removed them.
      const stillThere = await lockCandidatesShared(uow.trx, joinedIds);
      if (stillThere.size !== joinedIds.length) throw new ValidationError({ _form: 'import.error.changed' });
      const createdIds = await insertCandidates(uow.trx, creating, { createdBy: actor.id, active: plan.openingId !== null }, uow.now);
      const applications = plan.openingId === null ? new Map<number, number>() : await insertApplications(uow.trx, { candidateIds: [...createdIds, ...joinedIds], openingId: plan.openingId, stageId: plan.stageId, actorId: actor.id }, uow.now);
      uow.record({
        type: 'CandidatesImported',
        actorId: actor.id,
        subject: { type: 'candidate_import', id: importId },
        counts: { ...plan.summary, ...(plan.openingId === null ? {} : { openingId: plan.openingId }) },
        importId,
        candidateIds: createdIds,
        openingId: plan.openingId,
        applicationIds: [...applications.values()],
      });
      await deleteImportFile(uow.trx, importId);
      return outcome;
    });
  } catch (err) {
    if (isCandidateEmailTaken(err)) throw new ValidationError({ _form: 'import.error.emailTaken' });
    if (isRefusedByDatabase(err)) throw new ValidationError({ _form: 'import.error.database' });
    throw err;
  }
}

/** Forgets the user's file (they left the import). */
export async function discardImport(deps: UseCaseDeps, actor: Viewer, importId: number): Promise<void> {
  requirePermission(actor, 'candidates:manage');
  if (!(await findImportFile(deps.db, importId, actor.id, deps.clock.now()))) throw new NotFoundError();
  await deleteImportFile(deps.db, importId);
}
