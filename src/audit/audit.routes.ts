import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import { isMessageKey, type MessageKey, type Translate } from '../i18n/i18n';
import { positiveInt } from '../shared/ids';
import { parseForm } from '../web/forms';
import { renderPage } from '../web/render';
import { AUDIT_ACTION_NAMES } from './audit-actions';
import { listAuditActors, listAuditEntries } from './audit.repository';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const isDay = (text: string) => DAY.test(text) && text >= '1000' && text < '9999' && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
const dayField = z.string('audit.error.date').default('').transform((v) => v.trim().slice(0, 10)).refine((v) => v === '' || isDay(v), 'audit.error.date');

const filterSchema = z.object({
  person: z.string().default(''),
  action: z.string().default(''),
  from: dayField,
  to: dayField,
  page: z.string().default(''),
});

/** Where a record of the log can be opened, when a page shows it. */
function subjectLink(type: string, id: number): string | undefined {
  const pages: Record<string, string> = { candidate: `/candidates/${id}`, application: `/applications/${id}`, opening: `/openings/${id}`, onboarding_plan: `/onboarding/plans/${id}`, rubric: `/rubrics/${id}`, sales_role: `/roles/${id}` };
  return pages[type];
}

/** The counts of an entry in words ("ratings: 9, flags: 1"). */
function describeCounts(t: Translate, detail: Record<string, number>): string {
  return Object.entries(detail)
    .map(([key, n]) => {
      const label = `audit.count.${key}`;
      return isMessageKey(label) ? t(label, { n }) : `${key}: ${n}`;
    })
    .join(', ');
}

/** The audit log's page: filters read from the query; a malformed date is reported next to its field and ignored. */
async function auditPage(deps: UseCaseDeps, req: Request, res: Response): Promise<void> {
  const parsed = parseForm(filterSchema, req.query);
  const query = parsed.ok ? parsed.data : { person: '', action: '', from: '', to: '', page: '' };
  const fieldErrors = parsed.ok ? {} : parsed.errors;
  const actorId = positiveInt(query.person);
  const action = AUDIT_ACTION_NAMES.includes(query.action) ? query.action : undefined;
  const page = Math.min(positiveInt(query.page) ?? 1, 10_000);
  const before = query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000).toISOString() : undefined;
  const [{ entries, hasNext }, actors] = await Promise.all([
    listAuditEntries(deps.db, { ...(actorId ? { actorId } : {}), ...(action ? { actions: [action] } : {}), ...(query.from ? { from: `${query.from}T00:00:00.000Z` } : {}), ...(before ? { before } : {}) }, { size: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listAuditActors(deps.db),
  ]);
  const filters = { person: actorId ? String(actorId) : '', action: action ?? '', from: query.from, to: query.to };
  const queryString = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
  await renderPage(req, res, 'audit/index', {
    title: 'audit.title',
    entries: entries.map((e) => ({ ...e, link: subjectLink(e.subjectType, e.subjectId), actionLabel: `audit.action.${e.action}` as MessageKey, subjectLabel: `audit.subject.${e.subjectType}` as MessageKey, details: describeCounts(res.locals.t as Translate, e.detail) })),
    actors,
    actions: AUDIT_ACTION_NAMES,
    filters,
    fieldErrors,
    page,
    hasNext,
    queryString,
  });
}

/** The audit log (admins): who did what to which record, and when — counts only, never names or contents. */
export function createAuditRouter(deps: UseCaseDeps): Router {
  const router = Router();
  router.get('/audit', allow('audit:read'), (req, res) => auditPage(deps, req, res));
  return router;
}
