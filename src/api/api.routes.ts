import express, { Router } from 'express';
import type { Logger } from 'pino';
import { publicAccess } from '../auth/guard';
import type { CandidateDeps } from '../candidates/candidates.use-cases';
import { rejectNulBytes } from '../web/nul-bytes';
import { apiAuthentication } from './api-auth.middleware';
import { apiErrorHandler, apiNotFound } from './api-errors.middleware';
import { ApiRoutes } from './operations.routes';
import { addApplicationRoutes } from './applications-api.routes';
import { addCandidateRoutes } from './candidates-api.routes';
import { addDecisionRoutes } from './decisions-api.routes';
import { addInterviewRoutes } from './interviews-api.routes';
import { addOnboardingRoutes } from './onboarding-api.routes';
import { addUserRoutes } from './users-api.routes';
import { addOpeningRoutes } from './openings-api.routes';
import { addScorecardRoutes } from './scorecards-api.routes';
import { buildOpenApi } from './openapi';

export const API_VERSION = '1.0.0';

export type ApiRouterDeps = CandidateDeps & { readonly logger: Logger; readonly publicUrl: string; readonly ratePerMinute: number };

/** Every operation of the API, declared once: the router and the OpenAPI document are both made from this list. */
export function declareApi(router: Router, deps: ApiRouterDeps): ApiRoutes {
  const routes = new ApiRoutes(router);
  addCandidateRoutes(routes, deps);
  addApplicationRoutes(routes, deps);
  addOpeningRoutes(routes, deps);
  addScorecardRoutes(routes, deps);
  addDecisionRoutes(routes, deps);
  addInterviewRoutes(routes, deps);
  addOnboardingRoutes(routes, deps);
  addUserRoutes(routes, deps);
  return routes;
}

/**
 * The JSON API under /api/v1. Mounted before sessions and CSRF: those never run here, so a session
 * cookie is no credential (a request with only a cookie gets 401) and a CSRF token is not asked for
 * (a bearer token is not sent by browsers on their own). Only the OpenAPI document is open.
 */
export function createApiRouter(deps: ApiRouterDeps): Router {
  const router = Router();
  const api = Router();
  const document = () => buildOpenApi(routes.operations, { version: API_VERSION, serverUrl: deps.publicUrl, ratePerMinute: deps.ratePerMinute });
  let cached: unknown;
  router.get('/api/v1/openapi.json', publicAccess(), (_req, res) => {
    cached ??= document();
    res.set('Cache-Control', 'public, max-age=300').json(cached);
  });
  // Who is asking comes first: a request without a working token learns nothing, not even that its body is malformed.
  router.use('/api', apiAuthentication({ db: deps.db, clock: deps.clock, ratePerMinute: deps.ratePerMinute }), express.json({ limit: '200kb' }), rejectNulBytes);
  const routes = declareApi(api, deps);
  router.use(api);
  router.use('/api', apiNotFound);
  router.use('/api', apiErrorHandler(deps.logger));
  return router;
}
