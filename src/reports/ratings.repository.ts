import type { ExpressionBuilder } from 'kysely';
import type { Database, DbOrTrx as Db } from '../db/database';
import type { Language } from '../i18n/i18n';
import { seededDimension, seededRole } from '../i18n/seeded-texts';
import { openingInReportScope, type ReportViewer, withheldFrom } from './reports.repository';

/* Reliability and leans from single ratings ---------------------------------------------------------- */

/**
 * How many of the latest assessed applications the leans, the reliability and the spread among all
 * assessed read. Enough for a steady estimate; bounded so the page costs the same at 100k candidates.
 */
export const LATEST_ASSESSED = 2000;

/**
 * The latest applications in scope with a submitted scorecard the reader may see, with their
 * opening's rubric version (a subquery). Queries start from it and reach scorecards through their
 * index on the application, rather than scanning every scorecard for these 2,000.
 */
function latestAssessed(db: Db, viewer: ReportViewer) {
  return db
    .selectFrom('applications')
    .innerJoin('openings', 'openings.id', 'applications.opening_id')
    .select(['applications.id', 'openings.rubric_id', 'openings.rubric_version'])
    .where(openingInReportScope(viewer))
    .where('applications.id', 'not in', withheldFrom(db, viewer))
    .where((eb) => eb.exists(eb.selectFrom('scorecards').select('scorecards.id').whereRef('scorecards.application_id', '=', 'applications.id').where('scorecards.status', '=', 'submitted')))
    .orderBy('applications.id', 'desc')
    .limit(LATEST_ASSESSED);
}

export interface SingleRating {
  readonly applicationId: number;
  readonly rubricId: number;
  readonly dimensionKey: string;
  readonly interviewerId: number;
  readonly rating: number;
}

/**
 * Every 1–4 rating of a submitted scorecard on the latest `LATEST_ASSESSED` applications in scope the
 * reader may see, oldest scorecard first (one query): the leans model and the reliability per
 * dimension start here.
 */
export async function listSingleRatings(db: Db, applicationIds: readonly number[]): Promise<SingleRating[]> {
  if (applicationIds.length === 0) return [];
  const rows = await db
    .selectFrom('scorecards')
    .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
    .select(['scorecards.application_id', 'scorecards.rubric_id', 'scorecard_ratings.dimension_key', 'scorecards.interviewer_id', 'scorecard_ratings.rating'])
    .where(ofApplications(applicationIds))
    .where('scorecards.status', '=', 'submitted')
    .where('scorecard_ratings.rating', 'is not', null)
    .orderBy('scorecards.id')
    .orderBy('scorecard_ratings.dimension_key')
    .execute();
  return rows.map((r) => ({ applicationId: r.application_id, rubricId: r.rubric_id, dimensionKey: r.dimension_key, interviewerId: r.interviewer_id, rating: Number(r.rating) }));
}

/**
 * Scorecards of these applications (the latest assessed, as listed just before). The lowest id is
 * repeated as a range: with 2,000 ids alone PostgreSQL estimated a scan of every scorecard cheaper
 * than reaching them through the index on the application; with the range it reads only the
 * scorecards of the latest applications.
 */
function ofApplications(applicationIds: readonly number[]) {
  return (eb: ExpressionBuilder<Database, 'scorecards'>) => eb.and([eb('scorecards.application_id', '>=', Math.min(...applicationIds)), eb('scorecards.application_id', 'in', applicationIds)]);
}

/** Each rubric's current dimensions (rubric and its role's name, key, name in the reader's language, position), one query. */
export async function listCurrentDimensions(db: Db, language: Language): Promise<{ rubricId: number; rubricName: string; key: string; name: string; position: number }[]> {
  const rows = await db
    .selectFrom('rubrics')
    .innerJoin('rubric_versions', (join) => join.onRef('rubric_versions.rubric_id', '=', 'rubrics.id').onRef('rubric_versions.version', '=', 'rubrics.current_version'))
    .innerJoin('rubric_dimensions', 'rubric_dimensions.version_id', 'rubric_versions.id')
    .innerJoin('sales_roles', 'sales_roles.id', 'rubrics.role_id')
    .select(['rubrics.id', 'rubric_dimensions.key', 'rubric_dimensions.name', 'rubric_dimensions.seed_key', 'rubric_dimensions.position', 'sales_roles.name as role_name', 'sales_roles.seed_key as role_seed_key'])
    .orderBy('rubrics.id')
    .orderBy('rubric_dimensions.position')
    .execute();
  return rows.map((r) => ({ rubricId: r.id, rubricName: seededRole(r.role_seed_key, language)?.name ?? r.role_name, key: r.key, name: seededDimension(r.seed_key, language)?.name ?? r.name, position: Number(r.position) }));
}

/** The latest `LATEST_ASSESSED` applications in scope with a submitted scorecard the reader may see, with their opening's rubric version (one query). */
export async function listAssessedApplications(db: Db, viewer: ReportViewer): Promise<{ applicationId: number; rubricId: number; rubricVersion: number }[]> {
  const rows = await db.selectFrom(latestAssessed(db, viewer).as('latest')).selectAll().orderBy('latest.id').execute();
  return rows.map((r) => ({ applicationId: r.id, rubricId: r.rubric_id, rubricVersion: r.rubric_version }));
}

/**
 * Per latest assessed application and dimension, the count and sum of its submitted 1–4 ratings
 * (one query, grouped in the database): what its weighted score and dimension means are computed from.
 */
export async function loadAssessedRatingSums(db: Db, applicationIds: readonly number[]): Promise<Map<number, Map<string, { count: number; sum: number }>>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('scorecards')
    .innerJoin('scorecard_ratings', 'scorecard_ratings.scorecard_id', 'scorecards.id')
    .select((eb) => ['scorecards.application_id', 'scorecard_ratings.dimension_key', eb.fn.count<number>('scorecard_ratings.rating').as('n'), eb.fn.sum<number>('scorecard_ratings.rating').as('total')])
    .where(ofApplications(applicationIds))
    .where('scorecards.status', '=', 'submitted')
    .where('scorecard_ratings.rating', 'is not', null)
    .groupBy(['scorecards.application_id', 'scorecard_ratings.dimension_key'])
    .execute();
  const result = new Map<number, Map<string, { count: number; sum: number }>>();
  for (const r of rows) {
    let dimensions = result.get(r.application_id);
    if (!dimensions) result.set(r.application_id, (dimensions = new Map()));
    dimensions.set(r.dimension_key, { count: Number(r.n), sum: Number(r.total) });
  }
  return result;
}
