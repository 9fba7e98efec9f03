import { isCandidateEmailTaken } from '../candidates/candidates.service';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { allow, publicAccess } from '../auth/guard';
import { canViewCandidate, visibleApplicationIds } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isLanguage, type Language, type MessageKey, translator } from '../i18n/i18n';
import { findVisibleOpening } from '../openings/openings.service';
import { getCompanySettings } from '../settings/settings.service';
import { type FieldErrors, NotFoundError, TooManyAttemptsError, ValidationError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import { absoluteUrl } from '../shared/links';
import { formatDay } from '../shared/dates';
import type { FileStorage } from '../uploads/file-storage';
import { acceptUpload, sendStoredFile, uploadOutcome } from '../uploads/upload.middleware';
import { findStoredFile } from '../uploads/uploads.service';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { keepValues } from '../web/forms';
import { languageOf, type PageLocals } from '../web/locals';
import { renderPage } from '../web/render';
import { findCareersResume, findPosting, findPublicPosting, listPublicPostings, type Posting, type PublicPosting } from './careers.repository';
import { APPLICATION_FIELDS, DESCRIPTION_MAX, parseApplicationForm, parsePostingForm, POSTING_FIELDS } from './careers.forms';
import { applyThroughCareersPage, mayApplyFrom, savePosting } from './careers.use-cases';
import { hashAddress, isNonce, judgeTiming, newNonce, signFormToken, verifyFormToken } from './form-guard';
import { EMPLOYMENT_TYPES, isValidSlug, jobPostingJsonLd, renderDescription, scriptSafeJson } from './posting';
import { privacyTextFor } from '../shared/retention';

export interface JobsRouterDeps extends UseCaseDeps {
  readonly storage: FileStorage;
  readonly uploadMaxBytes: number;
  /** Signs the form's token and keys the hash of senders' addresses. */
  readonly secret: string;
  readonly cookieSecure: boolean;
  readonly publicUrl: string;
  readonly pageLocals: PageLocals;
}

/** The careers form's cookie: a random value the form's token is bound to (the double submit of a visitor without a session). */
export const APPLY_COOKIE = 'salesbench.apply';
const APPLY_COOKIE_MAX_AGE_MS = 24 * 3_600_000;

/** The list may be kept by any cache for a minute: it is the same for everyone who reads its language. */
const LIST_CACHE = 'public, max-age=60';

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

function useLanguage(res: Response, language: Language): void {
  res.locals.lang = language;
  res.locals.t = translator(language);
}

/** Page values for the public pages (no session here): the language from `?lang=`, else the browser's. */
function publicPage(pageLocals: PageLocals) {
  return (req: Request, res: Response, next: NextFunction) => {
    pageLocals(req, res, () => {
      res.locals.publicPage = true;
      const asked = req.query.lang;
      if (isLanguage(asked)) useLanguage(res, asked);
      res.vary('Accept-Language');
      next();
    });
  };
}

const EMPLOYMENT_LABELS = Object.fromEntries(EMPLOYMENT_TYPES.map((type) => [type, `careers.employment.${type}` as MessageKey]));

interface ApplyForm {
  readonly values?: Record<string, string>;
  readonly fieldErrors?: FieldErrors;
  readonly formError?: MessageKey;
  /** A file had been chosen: it must be chosen again. */
  readonly fileAgain?: boolean;
}

/** The slug in the path, when it could be one (nothing else reaches the database). */
function slugParam(req: Request): string | undefined {
  const slug = req.params.slug;
  return typeof slug === 'string' && isValidSlug(slug) ? slug : undefined;
}

/** The public posting a route's slug names; 404 otherwise. */
async function loadPosting(deps: UseCaseDeps, req: Request): Promise<PublicPosting> {
  const slug = slugParam(req);
  const posting = slug ? await findPublicPosting(deps.db, slug) : undefined;
  if (!posting) throw new NotFoundError();
  return posting;
}

/** The privacy text beside the consent box: the admin's, or the standard one in the visitor's language. */
function shownPrivacyText(company: { name: string; privacyText: string }, language: Language): string {
  return privacyTextFor(company.privacyText, translator(language)('careers.privacy.default', { company: company.name || 'Salesbench' }));
}

/** The posting's page with its form (a fresh token each time: the time it was shown, bound to the browser's cookie). */
function jobRenderer(deps: JobsRouterDeps) {
  const maxMb = Math.round(deps.uploadMaxBytes / 1024 / 1024);
  return async (req: Request, res: Response, posting: PublicPosting, form: ApplyForm = {}, status = 200): Promise<void> => {
    const language = res.locals.lang as Language;
    const company = await getCompanySettings(deps.db);
    const companyName = company.name || 'Salesbench';
    // The cookie half of the double submit: kept while it is well-formed, so several tabs share it.
    const known = readCookie(req, APPLY_COOKIE);
    const nonce = isNonce(known) ? known : newNonce();
    if (nonce !== known) res.cookie(APPLY_COOKIE, nonce, { httpOnly: true, sameSite: 'strict', secure: deps.cookieSecure, path: '/jobs', maxAge: APPLY_COOKIE_MAX_AGE_MS });
    const jsonLd = jobPostingJsonLd({ title: posting.publicTitle, description: posting.description, datePosted: posting.publishedAt, employmentType: posting.employmentType, companyName, location: posting.location, url: absoluteUrl(deps.publicUrl, `/jobs/${posting.slug}`) });
    await renderPage(
      req,
      res,
      'careers/job',
      {
        title: { text: posting.publicTitle },
        posting,
        employmentLabel: EMPLOYMENT_LABELS[posting.employmentType],
        postedDay: formatDay(posting.publishedAt.slice(0, 10), language),
        description: renderDescription(posting.description),
        jsonLd: scriptSafeJson(jsonLd),
        formToken: signFormToken(deps.secret, nonce, posting.openingId, deps.clock.now()),
        privacyText: shownPrivacyText(company, language),
        retentionMonths: company.retentionMonths,
        values: form.values ?? {},
        fieldErrors: form.fieldErrors ?? {},
        formError: form.formError,
        fileAgain: form.fileAgain ?? false,
        maxMb,
      },
      status,
    );
  };
}

/**
 * The form sent: its token (this page, this browser, when), the address's hourly limit, the time to
 * fill, the hidden field, then the fields and the file; refused forms come back with what was typed.
 */
function applyHandler(deps: JobsRouterDeps, renderJob: ReturnType<typeof jobRenderer>) {
  return async (req: Request, res: Response): Promise<void> => {
    const posting = await loadPosting(deps, req);
    const lang = field(req.body, 'lang');
    if (isLanguage(lang)) useLanguage(res, lang);
    const language = res.locals.lang as Language;
    const outcome = uploadOutcome(req);
    const values = keepValues(req.body, [...APPLICATION_FIELDS, 'consent']);
    const fileAgain = outcome.file !== undefined || outcome.error !== undefined;
    const refuse = (form: ApplyForm, status: number) => renderJob(req, res, posting, { values, fileAgain, ...form }, status);

    // The token proves the form came from this page, shown to this browser (its cookie), and when.
    const token = verifyFormToken(deps.secret, readCookie(req, APPLY_COOKIE) ?? '', posting.openingId, field(req.body, 'form_token'));
    if (!token.ok) return refuse({ formError: 'careers.error.formExpired' }, 403);
    const addressHash = hashAddress(deps.secret, req.ip ?? 'unknown');
    const allowed = await mayApplyFrom(deps, addressHash);
    if (!allowed.ok) return tooMany(req, res, posting, allowed.retryAfterSeconds);
    const timing = judgeTiming(token.shownAtMs, deps.clock.now().getTime());
    if (timing === 'too_fast') return refuse({ formError: 'careers.error.tooFast' }, 422);
    if (timing === 'expired') return refuse({ formError: 'careers.error.formExpired' }, 422);
    // The field no person sees: only a program fills it in.
    if (field(req.body, 'website') !== '') return refuse({ formError: 'careers.error.refused' }, 422);

    const parsed = parseApplicationForm(req.body);
    const fieldErrors: FieldErrors = { ...(parsed.ok ? {} : parsed.errors), ...(outcome.error ? { resume: outcome.error } : {}) };
    if (!parsed.ok || Object.keys(fieldErrors).length > 0) return refuse({ fieldErrors, formError: 'careers.error.check' }, 422);

    const company = await getCompanySettings(deps.db);
    try {
      await applyThroughCareersPage(
        deps,
        {
          slug: posting.slug,
          applicant: parsed.data,
          ...(outcome.file ? { resume: outcome.file } : {}),
          language,
          // Kept exactly as shown, to prove later what was agreed to.
          privacyText: shownPrivacyText(company, language),
          retentionMonths: company.retentionMonths,
          addressHash,
        },
      );
    } catch (err) {
      if (err instanceof TooManyAttemptsError) return tooMany(req, res, posting, err.retryAfterSeconds);
      if (err instanceof ValidationError) return refuse({ fieldErrors: err.fieldErrors, formError: 'careers.error.check' }, 422);
      // A recruiter saved someone with this e-mail between the match and the insert: sent again, it joins them.
      if (isCandidateEmailTaken(err)) return refuse({ formError: 'careers.error.refused' }, 409);
      throw err;
    }
    res.redirect(303, `/jobs/${encodeURIComponent(posting.slug)}/thanks?lang=${language}`);
  };
}

/** The public routes of the careers page: the list, an opening with its form, the form's answer. Mounted before sessions. */
export function createJobsRouter(deps: JobsRouterDeps): Router {
  const router = Router();
  const publicLocals = publicPage(deps.pageLocals);
  const renderJob = jobRenderer(deps);
  const upload = acceptUpload({ storage: deps.storage, field: 'resume', kinds: ['pdf', 'docx'], maxBytes: deps.uploadMaxBytes });

  router.get('/jobs', publicAccess(), publicLocals, async (req, res) => {
    const postings = await listPublicPostings(deps.db);
    await renderPage(req, res, 'careers/jobs', { title: 'careers.jobs.title', postings: postings.map((p) => ({ ...p, employmentLabel: EMPLOYMENT_LABELS[p.employmentType] })), cacheControl: LIST_CACHE });
  });

  router.get('/jobs/:slug', publicAccess(), publicLocals, async (req, res) => {
    await renderJob(req, res, await loadPosting(deps, req));
  });

  router.post('/jobs/:slug/apply', publicAccess(), publicLocals, ...upload, applyHandler(deps, renderJob));

  router.get('/jobs/:slug/thanks', publicAccess(), publicLocals, async (req, res) => {
    const slug = slugParam(req);
    const posting = slug ? await findPublicPosting(deps.db, slug) : undefined;
    await renderPage(req, res, 'careers/thanks', { title: 'careers.thanks.title', posting: posting ?? null });
  });

  return router;
}

/** 429: too many applications from this address within the hour, said plainly, with when to try again. */
async function tooMany(req: Request, res: Response, posting: PublicPosting, retryAfterSeconds: number): Promise<void> {
  res.set('Retry-After', String(retryAfterSeconds));
  await renderPage(req, res, 'careers/too-many', { title: 'careers.tooMany.title', posting, minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) }, 429);
}

function postingValues(posting: Posting | undefined, openingTitle: string): Record<string, string> {
  if (!posting) return { published: '', public_title: openingTitle, description: '', location: '', employment_type: 'full_time', slug: '' };
  return { published: posting.published ? 'on' : '', public_title: posting.publicTitle, description: posting.description, location: posting.location, employment_type: posting.employmentType, slug: posting.slug };
}

/** Staff: an opening's careers-page posting, and the résumé sent with an application through the page. */
export function createPostingRouter(deps: UseCaseDeps & { readonly storage: FileStorage }): Router {
  const router = Router();
  const { db } = deps;

  const renderForm = async (req: Request, res: Response, openingId: number, form: { values?: Record<string, string>; fieldErrors?: FieldErrors } = {}, status = 200) => {
    const opening = await findVisibleOpening(db, req.user!, String(openingId), languageOf(req));
    const posting = await findPosting(db, opening.id);
    const values = form.values ?? postingValues(posting, opening.title);
    await renderPage(
      req,
      res,
      'careers/posting-form',
      {
        title: { text: (res.locals.t as ReturnType<typeof translator>)('careers.posting.title', { title: opening.title }) },
        opening,
        posting,
        values,
        fieldErrors: form.fieldErrors ?? {},
        employmentTypes: EMPLOYMENT_TYPES,
        employmentLabels: EMPLOYMENT_LABELS,
        descriptionMax: DESCRIPTION_MAX,
        preview: values.description ? renderDescription(values.description) : null,
      },
      status,
    );
  };

  router.get('/openings/:id/careers', allow('openings:manage'), async (req, res) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    await renderForm(req, res, opening.id);
  });

  router.post('/openings/:id/careers', allow('openings:manage'), async (req, res) => {
    const opening = await findVisibleOpening(db, req.user!, req.params.id, languageOf(req));
    const values = keepValues(req.body, POSTING_FIELDS);
    const parsed = parsePostingForm(req.body);
    if (!parsed.ok) return renderForm(req, res, opening.id, { values, fieldErrors: parsed.errors }, 422);
    if (field(req.body, 'action') === 'preview') return renderForm(req, res, opening.id, { values });
    try {
      await savePosting(deps, req.user!, opening.id, parsed.data);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return renderForm(req, res, opening.id, { values, fieldErrors: err.fieldErrors }, 422);
    }
    addFlash(req, { kind: 'success', message: parsed.data.published ? 'careers.posting.savedPublished' : 'careers.posting.savedHidden' });
    res.redirect(303, `/openings/${opening.id}#careers-heading`);
  });

  router.get('/candidates/:id/careers/:entryId/resume', allow('candidates:read'), async (req, res) => {
    const candidateId = positiveInt(req.params.id);
    const entryId = positiveInt(req.params.entryId);
    if (candidateId === undefined || entryId === undefined || !(await canViewCandidate(db, req.user!, candidateId))) throw new NotFoundError();
    const entry = await findCareersResume(db, candidateId, entryId);
    // Seen only by whoever sees the application it made.
    const seen = entry?.applicationId ? await visibleApplicationIds(db, req.user!, [entry.applicationId]) : new Set<number>();
    const file = entry?.resumeFileId && seen.size > 0 ? await findStoredFile(db, entry.resumeFileId) : undefined;
    if (!file) throw new NotFoundError();
    await sendStoredFile(res, deps.storage, file);
  });

  return router;
}
