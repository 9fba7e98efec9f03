import { Router, type Request, type Response } from 'express';
import type { UseCaseDeps } from '../events/unit-of-work';
import { allow } from '../auth/guard';
import type { MessageKey, Translate } from '../i18n/i18n';
import { positiveInt } from '../shared/ids';
import { NotFoundError } from '../shared/errors';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { DIMENSION_GROUPS, DIMENSION_TRAITS, type DimensionDraft, dimensionToDraft, diffDimensions, parseDimensions, type RubricErrors, weightShares } from './rubric';
import { findRubric, findVersionDimensions, listRubrics, listVersions, type RubricSummary } from './rubrics.repository';
import { MAX_DIMENSIONS, moveDraft, parseMoveAction, parseRubricForm, textRows } from './rubrics.forms';
import { saveRubricVersion } from './rubrics.use-cases';

const BLANK_DRAFT: DimensionDraft = {
  key: '', group: 'role', name: '', description: '', weight: '1', knockout: false, threshold: '', trait: '', anchors: ['', '', '', ''], questions: '', position: '', remove: false,
};

const t = (res: Response) => res.locals.t as Translate;

/** `moved`: the place a dimension was just moved to (its button keeps the focus). */
type EditForm = { drafts: DimensionDraft[]; existing: boolean[]; note: string; baseVersion: number; errors?: RubricErrors; conflict?: number; moved?: number; moveDirection?: 'up' | 'down' };

function renderEdit(req: Request, res: Response, rubric: RubricSummary, form: EditForm, status = 200) {
  return renderPage(
    req,
    res,
    'rubrics/edit',
    { title: { text: t(res)('rubrics.editTitle', { role: rubric.roleName }) }, rubric, groups: DIMENSION_GROUPS, traits: DIMENSION_TRAITS, errors: form.errors ?? { form: [], dimensions: {} }, moved: undefined, moveDirection: undefined, rowsFor: textRows, ...form },
    status,
  );
}

/** Saves the editor as a new version; adds a blank dimension, or moves one up or down, instead when asked to (nothing saved). */
function saveHandler(deps: UseCaseDeps, loadRubric: (req: Request) => Promise<RubricSummary>) {
  return async (req: Request, res: Response) => {
    const rubric = await loadRubric(req);
    const parsed = parseRubricForm(req.body);
    const form = { drafts: parsed.drafts, existing: parsed.existing, note: parsed.note, baseVersion: parsed.baseVersion ?? rubric.currentVersion };
    const move = parseMoveAction(parsed.action);
    if (move) {
      const moved = moveDraft(form.drafts, form.existing, move);
      return renderEdit(req, res, rubric, { ...form, ...moved, ...(moved.moved === undefined ? {} : { moveDirection: move.to < move.from ? 'up' : 'down' }) });
    }
    if (parsed.action === 'add') {
      if (form.drafts.length >= MAX_DIMENSIONS) return renderEdit(req, res, rubric, { ...form, errors: { form: ['rubric.error.tooMany'], dimensions: {} } }, 422);
      return renderEdit(req, res, rubric, { ...form, drafts: [...form.drafts, { ...BLANK_DRAFT, position: String(form.drafts.length + 1) }], existing: [...form.existing, false] });
    }
    const checked = parseDimensions(form.drafts);
    if (!checked.ok) return renderEdit(req, res, rubric, { ...form, errors: checked.errors }, 422);
    const outcome = await saveRubricVersion(deps, req.user!, { language: languageOf(req), rubricId: rubric.id, baseVersion: form.baseVersion, dimensions: checked.dimensions, note: form.note || null });
    if (outcome.kind === 'conflict') {
      return renderEdit(req, res, rubric, { ...form, errors: { form: ['rubric.error.conflict'], dimensions: {} }, conflict: outcome.currentVersion }, 409);
    }
    const message: MessageKey = outcome.kind === 'saved' ? 'rubrics.savedVersion' : 'rubrics.unchanged';
    addFlash(req, { kind: outcome.kind === 'saved' ? 'success' : 'info', message: message, params: { version: outcome.kind === 'saved' ? outcome.version : rubric.currentVersion } });
    res.redirect(303, `/rubrics/${rubric.id}`);
  };
}

/** Rubrics: each role's current and earlier versions, the editor, and what changed between versions. */
export function createRubricsRouter(deps: UseCaseDeps): Router {
  const { db } = deps;
  const router = Router();
  const loadRubric = async (req: Request): Promise<RubricSummary> => {
    const id = positiveInt(req.params.id);
    const rubric = id === undefined ? undefined : await findRubric(db, id, languageOf(req));
    if (!rubric) throw new NotFoundError();
    return rubric;
  };

  router.get('/rubrics', allow('rubrics:read'), async (req, res) => {
    await renderPage(req, res, 'rubrics/index', { title: 'rubrics.title', rubrics: await listRubrics(db, languageOf(req)) });
  });

  router.get('/rubrics/:id', allow('rubrics:read'), async (req, res) => {
    const rubric = await loadRubric(req);
    const requested = req.query.version === undefined ? rubric.currentVersion : positiveInt(req.query.version);
    const dimensions = requested === undefined ? undefined : await findVersionDimensions(db, rubric.id, requested, languageOf(req));
    if (!dimensions) throw new NotFoundError();
    const shares = weightShares(dimensions);
    const versions = await listVersions(db, rubric.id);
    await renderPage(req, res, 'rubrics/show', {
      title: { text: t(res)('rubrics.showTitle', { role: rubric.roleName }) },
      rubric,
      version: requested,
      versions,
      groups: DIMENSION_GROUPS.map((group) => ({ group, dimensions: dimensions.filter((d) => d.group === group).map((d) => ({ ...d, share: Math.round((shares.get(d.key) ?? 0) * 100) })) })),
    });
  });

  router.get('/rubrics/:id/edit', allow('rubrics:edit'), async (req, res) => {
    const rubric = await loadRubric(req);
    const dimensions = (await findVersionDimensions(db, rubric.id, rubric.currentVersion, languageOf(req))) ?? [];
    await renderEdit(req, res, rubric, { drafts: dimensions.map((d, i) => dimensionToDraft(d, i + 1)), existing: dimensions.map(() => true), note: '', baseVersion: rubric.currentVersion });
  });

  router.post('/rubrics/:id', allow('rubrics:edit'), saveHandler(deps, loadRubric));

  router.get('/rubrics/:id/compare', allow('rubrics:read'), async (req, res) => {
    const rubric = await loadRubric(req);
    const to = req.query.to === undefined ? rubric.currentVersion : positiveInt(req.query.to);
    const from = req.query.from === undefined ? Math.max(1, (to ?? 1) - 1) : positiveInt(req.query.from);
    const [before, after] = await Promise.all([
      from === undefined ? undefined : findVersionDimensions(db, rubric.id, from, languageOf(req)),
      to === undefined ? undefined : findVersionDimensions(db, rubric.id, to, languageOf(req)),
    ]);
    if (!before || !after) throw new NotFoundError();
    await renderPage(req, res, 'rubrics/compare', {
      title: { text: t(res)('rubrics.compareTitle', { role: rubric.roleName }) },
      rubric,
      from,
      to,
      versions: await listVersions(db, rubric.id),
      changes: diffDimensions(before, after),
    });
  });

  return router;
}
