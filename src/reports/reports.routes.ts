import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language, Translate } from '../i18n/i18n';
import { toCsv } from '../shared/csv';
import { NotFoundError } from '../shared/errors';
import { renderPage } from '../web/render';
import { formatters, reportPages } from './report-pages.views';

const t = (res: Response) => res.locals.t as Translate;

/** The reports: the index, each report's page and its CSV. */
export function createReportsRouter(deps: UseCaseDeps): Router {
  const router = Router();
  const { clock } = deps;
  const reports = reportPages(deps);
  const findReport = (key: unknown) => {
    const report = reports.find((r) => r.key === key);
    if (!report) throw new NotFoundError();
    return report;
  };
  const common = (req: Request, res: Response) => ({
    reports: reports.map((r) => ({ key: r.key, title: t(res)(r.short), summary: t(res)(r.summary) })),
    scopeNote: t(res)(req.user!.role === 'admin' ? 'reports.scopeAll' : 'reports.scopeMine'),
  });

  router.get('/reports', allow('reports:view'), async (req, res) => {
    await renderPage(req, res, 'reports/index', { title: 'reports.title', ...common(req, res) });
  });

  router.get('/reports/:report', allow('reports:view'), async (req, res) => {
    const report = findReport(req.params.report);
    const model = await report.load(req, res);
    const fmt = formatters(res.locals.lang as Language, t(res));
    const view = report.view(model, t(res), fmt);
    // Onboarding plans are scoped like the plans dashboard, the other reports like openings.
    const scopeNote = view.plansScope ? t(res)(req.user!.role === 'hiring_manager' ? 'reports.scopePlansMine' : 'reports.scopePlansAll') : undefined;
    await renderPage(req, res, `reports/${report.key}`, { title: report.title, current: report.key, fmt, ...common(req, res), ...view, ...(scopeNote ? { scopeNote } : {}) });
  });

  router.get('/reports/:report/csv', allow('reports:view'), async (req, res) => {
    const report = findReport(req.params.report);
    const model = await report.load(req, res);
    const csv = toCsv(report.csv(model, t(res), formatters(res.locals.lang as Language, t(res))));
    const name = `${report.key}-${clock.now().toISOString().slice(0, 10)}.csv`;
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"`, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
    res.send(`\ufeff${csv}`);
  });

  return router;
}
