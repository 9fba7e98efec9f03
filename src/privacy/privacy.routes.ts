import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { listAuditEntries } from '../audit/audit.service';
import { allow } from '../auth/guard';
import { reauthenticate } from '../auth/reauthentication';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Translate } from '../i18n/i18n';
import { type FieldErrors, NotFoundError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import type { FileStorage } from '../uploads/file-storage';
import { addFlash } from '../web/flash';
import { parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { type CandidateRecord, confirmsName, COUNT_ORDER, PRIVACY_ACTIONS } from './privacy';
import { collectCandidateRecord } from './privacy.repository';
import { writeCandidateExport } from './privacy.service';
import { listStaleCandidates } from '../careers/careers.service';
import { retentionCutoff } from '../shared/retention';
import { getCompanySettings } from '../settings/settings.service';
import { viewerTimes } from '../interviews/interviews.views';
import { eraseCandidate, exportCandidate, summarise } from './privacy.use-cases';

export type PrivacyRouterDeps = UseCaseDeps & { readonly storage: FileStorage };

type Mode = 'export' | 'erase';
type ConfirmForm = { fieldErrors?: FieldErrors; values?: Record<string, string>; formError?: string };

const t = (res: Response) => res.locals.t as Translate;

const confirmSchema = z.object({ password: z.string('validation.invalid').default(''), confirm_name: z.string('validation.invalid').default('') });

async function renderConfirm(req: Request, res: Response, mode: Mode, record: CandidateRecord, extra: ConfirmForm = {}, status = 200): Promise<void> {
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
}

/** The re-entered password: nothing when it is right, otherwise what to show and the status to answer with. */
async function checkPassword({ db, clock }: UseCaseDeps, req: Request, res: Response, password: string): Promise<{ fieldErrors: FieldErrors; formError?: string; status: number } | undefined> {
  const check = await reauthenticate(db, clock.now(), req.user!.id, password);
  if (check.ok) return undefined;
  if (check.reason === 'throttled') {
    res.set('Retry-After', String(check.retryAfterSeconds));
    return { fieldErrors: {}, formError: t(res)('privacy.error.throttled', { minutes: Math.ceil(check.retryAfterSeconds / 60) }), status: 429 };
  }
  return { fieldErrors: { password: 'privacy.error.password' }, status: 422 };
}

function exportHandler(deps: PrivacyRouterDeps, loadRecord: (req: Request) => Promise<CandidateRecord>) {
  return async (req: Request, res: Response) => {
    const record = await loadRecord(req);
    const form = parseForm(confirmSchema, req.body);
    const refused = await checkPassword(deps, req, res, form.ok ? form.data.password : '');
    if (refused) return renderConfirm(req, res, 'export', record, refused, refused.status);
    const exported = await exportCandidate(deps, req.user!, record.candidate.id);
    if (!exported) throw new NotFoundError();
    res.set({
      'Content-Type': 'application/zip',
      // The id alone names the file: nothing personal lands in the downloads folder's listing.
      'Content-Disposition': `attachment; filename="candidate-${exported.candidate.id}-export.zip"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    });
    try {
      await writeCandidateExport(exported, deps.storage, res, deps.clock.now());
    } catch (err) {
      // Headers are gone already: cut the connection so the download shows as failed, not as a short file.
      res.destroy(err instanceof Error ? err : undefined);
    }
  };
}

function eraseHandler(deps: PrivacyRouterDeps, loadRecord: (req: Request) => Promise<CandidateRecord>) {
  return async (req: Request, res: Response) => {
    const record = await loadRecord(req);
    const form = parseForm(confirmSchema, req.body);
    const typed = form.ok ? form.data.confirm_name : '';
    const values = { confirm_name: typed.slice(0, 200) };
    const refused = await checkPassword(deps, req, res, form.ok ? form.data.password : '');
    const fieldErrors: FieldErrors = { ...refused?.fieldErrors };
    if (!confirmsName(typed, record.candidate.name)) fieldErrors.confirm_name = 'privacy.error.name';
    if (refused || Object.keys(fieldErrors).length > 0) return renderConfirm(req, res, 'erase', record, { fieldErrors, values, formError: refused?.formError }, refused?.status ?? 422);
    const counts = await eraseCandidate(deps, req.user!, record.candidate.id);
    if (!counts) throw new NotFoundError();
    addFlash(req, { kind: 'success', message: 'privacy.erase.done' });
    res.redirect(303, '/privacy');
  };
}

/** Privacy (admins): a candidate's data exported or erased, and the log of both. */
export function createPrivacyRouter(deps: PrivacyRouterDeps): Router {
  const router = Router();
  const loadRecord = async (req: Request): Promise<CandidateRecord> => {
    const id = positiveInt(req.params.id);
    const record = id === undefined ? undefined : await collectCandidateRecord(deps.db, id);
    if (!record) throw new NotFoundError();
    return record;
  };

  router.get('/privacy', allow('privacy:manage'), async (req, res) => {
    const page = positiveInt(typeof req.query.page === 'string' ? req.query.page : '') ?? 1;
    const { retentionMonths } = await getCompanySettings(deps.db);
    const now = deps.clock.now();
    const [{ entries }, stale, times] = await Promise.all([
      listAuditEntries(deps.db, { actions: PRIVACY_ACTIONS }, { size: 100, offset: 0 }),
      listStaleCandidates(deps.db, retentionCutoff(now, retentionMonths), Math.min(page, 10_000)),
      viewerTimes(deps.db, req, res, now),
    ]);
    await renderPage(req, res, 'privacy/index', { title: 'privacy.title', entries, countOrder: COUNT_ORDER, retentionMonths, stale: stale.rows, page, hasNext: stale.hasNext, times });
  });
  router.get('/candidates/:id/export', allow('privacy:manage'), async (req, res) => {
    await renderConfirm(req, res, 'export', await loadRecord(req));
  });
  router.post('/candidates/:id/export', allow('privacy:manage'), exportHandler(deps, loadRecord));
  router.get('/candidates/:id/erase', allow('privacy:manage'), async (req, res) => {
    await renderConfirm(req, res, 'erase', await loadRecord(req));
  });
  router.post('/candidates/:id/erase', allow('privacy:manage'), eraseHandler(deps, loadRecord));
  return router;
}
