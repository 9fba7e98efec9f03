import { Router, type Request, type Response } from 'express';
import { allow } from '../auth/guard';
import type { UseCaseDeps } from '../events/unit-of-work';
import type { Language, Translate } from '../i18n/i18n';
import { toCsv } from '../shared/csv';
import { NotFoundError } from '../shared/errors';
import { readDataVersion } from '../db/data-version';
import { renderPage, renderPageWith, renderView } from '../web/render';
import { ReportCache } from './report-cache';
import { formatters, reportPages } from './report-pages.views';

const t = (res: Response) => res.locals.t as Translate;

/** The reports: the index, each report's page and its CSV. */
export function createReportsRouter(deps: UseCaseDeps): Router {
  const router = Router();
  const { clock, db } = deps;
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

  // A report's page as drawn (its view's HTML), kept until the next committed change: see report-cache.ts.
  const drawn = new ReportCache<{ readonly body: string; readonly plansScope: boolean }>();

  router.get('/reports/:report', allow('reports:view'), async (req, res) => {
    const report = findReport(req.params.report);
    // The version before anything else: a write committing while the page is computed leaves it under the older version.
    const version = await readDataVersion(db);
    const user = req.user!;
    const key = JSON.stringify([report.key, req.path, user.id, user.role, res.locals.lang, clock.now().toISOString().slice(0, 10), ...['from', 'to', 'exclude'].map((name) => req.query[name] ?? null)]);
    let page = drawn.get(version, key);
    let fmt: ReturnType<typeof formatters> | undefined;
    let view: Record<string, unknown> = {};
    if (!page) {
      const model = await report.load(req, res);
      fmt = formatters(res.locals.lang as Language, t(res));
      view = report.view(model, t(res), fmt);
    }
    // Onboarding plans are scoped like the plans dashboard, the other reports like openings.
    const plansScope = page ? page.plansScope : view.plansScope === true;
    const scopeNote = plansScope ? t(res)(user.role === 'hiring_manager' ? 'reports.scopePlansMine' : 'reports.scopePlansAll') : undefined;
    const pageModel = { title: report.title, current: report.key, fmt, ...common(req, res), ...view, ...(scopeNote ? { scopeNote } : {}) };
    await renderPageWith(req, res, pageModel, async (locals) => {
      if (page) return page.body;
      page = { body: await renderView(res, `reports/${report.key}`, locals), plansScope };
      drawn.set(version, key, page);
      return page.body;
    });
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
