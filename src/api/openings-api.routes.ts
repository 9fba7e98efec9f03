import type { UseCaseDeps } from '../events/unit-of-work';
import { findVisibleOpening, listOpenings, listStages } from '../openings/openings.service';
import { apiLanguage } from './candidates-api.routes';
import { type ApiRoutes, decodeCursor, encodeCursor } from './operations.routes';
import { Opening, OpeningListQuery, OpeningPage } from './schemas';

export function addOpeningRoutes(routes: ApiRoutes, deps: UseCaseDeps): void {
  routes.add(
    { method: 'get', path: '/api/v1/openings', operationId: 'listOpenings', summary: 'The openings the token’s user may open (all for admins and recruiters, their own for hiring managers), newest first', tag: 'openings', permission: 'openings:read', scope: 'read', query: OpeningListQuery, response: OpeningPage },
    async (req, { query }) => {
      const [beforeId] = (decodeCursor(query.cursor, ['number']) ?? []) as number[];
      // A company has tens of openings: the list page's query reads them all, the page is cut here.
      const all = (await listOpenings(deps.db, req.user!, apiLanguage(req))).sort((a, b) => b.id - a.id).filter((o) => beforeId === undefined || o.id < beforeId);
      const items = all.slice(0, query.limit);
      const last = items[items.length - 1];
      return {
        data: items.map((o) => ({ id: o.id, title: o.title, role_key: o.roleKey, role_name: o.roleName, status: o.status, headcount: o.headcount, hiring_manager_id: o.hiringManagerId, hiring_manager_name: o.hiringManagerName, active_count: o.activeCount, hired_count: o.hiredCount, created_at: o.createdAt })),
        next_cursor: all.length > query.limit && last ? encodeCursor([last.id]) : null,
      };
    },
  );

  routes.add(
    { method: 'get', path: '/api/v1/openings/:id', operationId: 'getOpening', summary: 'An opening and its interview plan', tag: 'openings', permission: 'openings:read', scope: 'read', response: Opening },
    async (req, { id }) => {
      const opening = await findVisibleOpening(deps.db, req.user!, String(id), apiLanguage(req));
      const stages = await listStages(deps.db, opening.id, apiLanguage(req));
      return {
        id: opening.id,
        title: opening.title,
        role_key: opening.roleKey,
        role_name: opening.roleName,
        status: opening.status,
        headcount: opening.headcount,
        hiring_manager_id: opening.hiringManagerId,
        hiring_manager_name: opening.hiringManagerName,
        rubric_id: opening.rubricId,
        rubric_version: opening.rubricVersion,
        created_at: opening.createdAt,
        stages: stages.map((s) => ({ id: s.id, position: s.position, name: s.name, duration_minutes: s.durationMinutes, focus: [...s.focus] })),
      };
    },
  );
}
