import { Router, type Request } from 'express';
import { allow } from '../auth/guard';
import { canViewCandidate } from '../auth/scopes';
import type { UseCaseDeps } from '../events/unit-of-work';
import { NotFoundError } from '../shared/errors';
import { positiveInt } from '../shared/ids';
import type { FileStorage } from '../uploads/file-storage';
import { field } from '../web/body';
import { addFlash } from '../web/flash';
import { languageOf } from '../web/locals';
import { renderPage } from '../web/render';
import { mergeCandidates, MergeRefusedError, previewMerge } from './merge.use-cases';

export type DuplicatesRouterDeps = UseCaseDeps & { readonly storage: FileStorage };

function keptId(req: Request): number {
  const id = positiveInt(req.params.id);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** Merging a likely duplicate into the candidate whose page it was listed on: the confirm page, and the merge. */
export function createDuplicatesRouter(deps: DuplicatesRouterDeps): Router {
  const router = Router();

  router.get('/candidates/:id/merge', allow('candidates:manage'), async (req, res) => {
    const mergedId = positiveInt(req.query.duplicate);
    if (mergedId === undefined) throw new NotFoundError();
    const plan = await previewMerge(deps.db, req.user!, keptId(req), mergedId);
    if (!plan) throw new NotFoundError();
    await renderPage(req, res, 'candidates/merge', {
      title: 'duplicates.confirm.title',
      plan,
      movingApplications: plan.moving.length,
      blockedOpenings: plan.blocked.map((a) => `“${a.openingTitle}”`).join(', '),
    });
  });

  router.post('/candidates/:id/merge', allow('candidates:manage'), async (req, res) => {
    const id = keptId(req);
    const mergedId = positiveInt(field(req.body, 'duplicate_id'));
    // The kept record is the page the form is on: unknown (or hidden) is not found; the other record gone meanwhile is a message.
    if (mergedId === undefined || !(await canViewCandidate(deps.db, req.user!, id))) throw new NotFoundError();
    try {
      const { mergedName } = await mergeCandidates(deps, req.user!, id, mergedId, languageOf(req));
      addFlash(req, { kind: 'success', message: 'duplicates.merged', params: { name: mergedName } });
    } catch (err) {
      if (!(err instanceof MergeRefusedError)) throw err;
      addFlash(req, { kind: 'error', message: err.messageKey, params: { ...err.params } });
      // Back to the list when the kept record is the one that went meanwhile.
      if (err.messageKey === 'duplicates.error.gone' && !(await canViewCandidate(deps.db, req.user!, id))) return res.redirect(303, '/candidates');
    }
    res.redirect(303, `/candidates/${id}`);
  });

  return router;
}
