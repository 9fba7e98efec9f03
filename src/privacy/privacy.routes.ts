import { Router, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { allow } from '../auth/guard';
import { recordFailedLogin, secondsUntilAllowed } from '../auth/login-throttle';
import { verifyAgainstDummy, verifyPassword } from '../auth/passwords';
import { findCredentialsById } from '../users/users.repository';
import type { Translate } from '../i18n/i18n';
import type { FileStorage } from '../uploads/file-storage';
import { field, positiveInt } from '../web/body';
import { type FieldErrors, NotFoundError } from '../web/errors';
import { addFlash } from '../web/flash';
import { renderPage } from '../web/render';
import { type CandidateRecord, confirmsName, COUNT_ORDER } from './privacy';
import { collectCandidateRecord, insertAuditEntry, listAuditEntries } from './privacy.repository';
import { eraseCandidate, writeCandidateExport } from './privacy.service';

export interface PrivacyRouterDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly storage: FileStorage;
}

type Mode = 'export' | 'erase';

/** What an erasure would remove, for the confirmation page. */
function summarise(record: CandidateRecord): Record<string, number> {
  return {
    applications: record.applications.length,
    applicationEvents: record.events.length,
    interviews: record.interviews.length,
    scorecards: record.scorecards.length,
    scorecardRatings: record.ratings.length,
    scorecardHistory: record.history.length,
    decisions: record.decisions.length,
    files: record.files.length,
  };
}

export function createPrivacyRouter({ db, clock, storage }: PrivacyRouterDeps): Router {
  const router = Router();
  const t = (res: Response) => res.locals.t as Translate;

  const loadRecord = async (req: Request): Promise<CandidateRecord> => {
    const id = positiveInt(req.params.id);
    const record = id === undefined ? undefined : await collectCandidateRecord(db, id);
    if (!record) throw new NotFoundError();
    return record;
  };

  const renderConfirm = async (req: Request, res: Response, mode: Mode, record: CandidateRecord, extra: { fieldErrors?: FieldErrors; values?: Record<string, string>; formError?: string } = {}, status = 200) => {
    await renderPage(
      req,
      res,
      'privacy/confirm',
      {
        title: mode === 'export' ? 'privacy.export.title' : 'privacy.erase.title',
        mode,
        candidate: { id: record.candidate.id, name: record.candidate.name },
        summary: { candidates: 1, ...summarise(record) },
        countOrder: COUNT_ORDER,
        fieldErrors: extra.fieldErrors ?? {},
        values: extra.values ?? {},
        formError: extra.formError,
      },
      status,
    );
  };

  /**
   * Checks the re-entered password. Failures count like sign-in failures for this account, so
   * a left-open session cannot be used to guess the password.
   */
  const checkPassword = async (req: Request, res: Response): Promise<{ ok: true } | { ok: false; fieldErrors: FieldErrors; formError?: string; status: number }> => {
    const keys = [`reauth:${req.user!.id}`];
    const wait = await secondsUntilAllowed(db, keys, clock.now());
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return { ok: false, fieldErrors: {}, formError: t(res)('privacy.error.throttled', { minutes: Math.ceil(wait / 60) }), status: 429 };
    }
    const password = field(req.body, 'password');
    const credentials = await findCredentialsById(db, req.user!.id);
    const valid = password !== '' && password.length <= 4096 && credentials?.passwordHash ? await verifyPassword(credentials.passwordHash, password) : await verifyAgainstDummy(password.slice(0, 4096));
    if (valid) return { ok: true };
    await recordFailedLogin(db, keys, clock.now());
    return { ok: false, fieldErrors: { password: 'privacy.error.password' }, status: 422 };
  };

  router.get('/privacy', allow('privacy:manage'), async (req, res) => {
    await renderPage(req, res, 'privacy/index', { title: 'privacy.title', entries: await listAuditEntries(db), countOrder: COUNT_ORDER });
  });

  router.get('/candidates/:id/export', allow('privacy:manage'), async (req, res) => {
    await renderConfirm(req, res, 'export', await loadRecord(req));
  });

  router.post('/candidates/:id/export', allow('privacy:manage'), async (req, res) => {
    const record = await loadRecord(req);
    const check = await checkPassword(req, res);
    if (!check.ok) return renderConfirm(req, res, 'export', record, check, check.status);
    const now = clock.now();
    await insertAuditEntry(db, { actorId: req.user!.id, action: 'candidate.export', subjectType: 'candidate', subjectId: record.candidate.id, detail: summarise(record) }, now);
    res.set({
      'Content-Type': 'application/zip',
      // The id alone names the file: nothing personal lands in the downloads folder's listing.
      'Content-Disposition': `attachment; filename="candidate-${record.candidate.id}-export.zip"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    try {
      await writeCandidateExport(record, storage, res, now);
    } catch (err) {
      // Headers are gone already: cut the connection so the download shows as failed, not as a short file.
      res.destroy(err instanceof Error ? err : undefined);
    }
  });

  router.get('/candidates/:id/erase', allow('privacy:manage'), async (req, res) => {
    await renderConfirm(req, res, 'erase', await loadRecord(req));
  });

  router.post('/candidates/:id/erase', allow('privacy:manage'), async (req, res) => {
    const record = await loadRecord(req);
    const values = { confirm_name: field(req.body, 'confirm_name').slice(0, 200) };
    const check = await checkPassword(req, res);
    const fieldErrors: FieldErrors = check.ok ? {} : { ...check.fieldErrors };
    if (!confirmsName(field(req.body, 'confirm_name'), record.candidate.name)) fieldErrors.confirm_name = 'privacy.error.name';
    if (!check.ok || Object.keys(fieldErrors).length > 0) {
      return renderConfirm(req, res, 'erase', record, { fieldErrors, values, formError: check.ok ? undefined : check.formError }, check.ok ? 422 : check.status);
    }
    const counts = await eraseCandidate(db, storage, record.candidate.id, req.user!.id, clock.now());
    if (!counts) throw new NotFoundError();
    addFlash(req, { kind: 'success', text: t(res)('privacy.erase.done') });
    res.redirect(303, '/privacy');
  });

  return router;
}
