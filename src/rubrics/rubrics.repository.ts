import type { Selectable } from 'kysely';
import type { DbOrTrx as Db, RubricDimensionsTable } from '../db/database';
import type { Language } from '../i18n/i18n';
import { seededDimension, seededRole } from '../i18n/seeded-texts';
import type { Dimension } from './rubric';

export interface RubricSummary {
  readonly id: number;
  readonly roleId: number;
  readonly roleKey: string;
  readonly roleName: string;
  readonly rubricNote: string;
  readonly currentVersion: number;
  readonly updatedAt: string;
  readonly dimensionCount: number;
}

export interface RubricVersionInfo {
  readonly id: number;
  readonly version: number;
  readonly note: string | null;
  readonly createdAt: string;
  readonly createdByName: string | null;
}

/** A dimension with the catalogue entry it was seeded from (null: written by an admin). */
export type SeededDimension = Dimension & { readonly seedKey: string | null };

/** A stored dimension in the reader's language: a seeded one in the catalogue's words, an edited one as written. */
function toDimension(row: Selectable<RubricDimensionsTable>, language: Language): SeededDimension {
  const seeded = seededDimension(row.seed_key, language);
  return {
    seedKey: seeded ? row.seed_key : null,
    key: row.key,
    group: row.dimension_group,
    name: row.name,
    description: row.description,
    weight: Number(row.weight),
    knockout: row.knockout === 1,
    threshold: row.threshold === null ? null : Number(row.threshold),
    trait: row.trait,
    anchors: [row.anchor_1, row.anchor_2, row.anchor_3, row.anchor_4],
    questions: row.questions === '' ? [] : row.questions.split('\n'),
    ...seeded,
  };
}

function rubricsQuery(db: Db) {
  return db
    .selectFrom('rubrics')
    .innerJoin('sales_roles', 'sales_roles.id', 'rubrics.role_id')
    .innerJoin('rubric_versions', (join) => join.onRef('rubric_versions.rubric_id', '=', 'rubrics.id').onRef('rubric_versions.version', '=', 'rubrics.current_version'))
    .select((eb) => [
      'rubrics.id',
      'rubrics.role_id',
      'sales_roles.key as role_key',
      'sales_roles.name as role_name',
      'sales_roles.rubric_note',
      'sales_roles.seed_key as role_seed_key',
      'rubrics.current_version',
      'rubrics.updated_at',
      eb.selectFrom('rubric_dimensions').select((e) => e.fn.countAll<number>().as('n')).whereRef('rubric_dimensions.version_id', '=', 'rubric_versions.id').as('dimension_count'),
    ]);
}

type SummaryRow = { id: number; role_id: number; role_key: string; role_name: string; rubric_note: string; role_seed_key: string | null; current_version: number; updated_at: string; dimension_count: number | null };

function toSummary(row: SummaryRow, language: Language): RubricSummary {
  const seeded = seededRole(row.role_seed_key, language);
  return { id: row.id, roleId: row.role_id, roleKey: row.role_key, roleName: seeded?.name ?? row.role_name, rubricNote: seeded?.rubricNote ?? row.rubric_note, currentVersion: row.current_version, updatedAt: row.updated_at, dimensionCount: Number(row.dimension_count ?? 0) };
}

/** Every rubric, its role named in the reader's language while the role is as seeded. */
export async function listRubrics(db: Db, language: Language): Promise<RubricSummary[]> {
  return (await rubricsQuery(db).orderBy('sales_roles.position').execute()).map((row) => toSummary(row, language));
}

export async function findRubric(db: Db, id: number, language: Language): Promise<RubricSummary | undefined> {
  const row = await rubricsQuery(db).where('rubrics.id', '=', id).executeTakeFirst();
  return row && toSummary(row, language);
}

export async function listVersions(db: Db, rubricId: number): Promise<RubricVersionInfo[]> {
  const rows = await db
    .selectFrom('rubric_versions')
    .leftJoin('users', 'users.id', 'rubric_versions.created_by')
    .select(['rubric_versions.id', 'rubric_versions.version', 'rubric_versions.note', 'rubric_versions.created_at', 'users.name as created_by_name'])
    .where('rubric_versions.rubric_id', '=', rubricId)
    .orderBy('rubric_versions.version', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, version: r.version, note: r.note, createdAt: r.created_at, createdByName: r.created_by_name }));
}

/** One version's dimensions, in order, in the reader's language; undefined when the version does not exist. One query when it has dimensions. */
export async function findVersionDimensions(db: Db, rubricId: number, version: number, language: Language): Promise<SeededDimension[] | undefined> {
  const rows = await db
    .selectFrom('rubric_dimensions')
    .innerJoin('rubric_versions', 'rubric_versions.id', 'rubric_dimensions.version_id')
    .selectAll('rubric_dimensions')
    .where('rubric_versions.rubric_id', '=', rubricId)
    .where('rubric_versions.version', '=', version)
    .orderBy('rubric_dimensions.position')
    .execute();
  if (rows.length > 0) return rows.map((row) => toDimension(row, language));
  const versionRow = await db.selectFrom('rubric_versions').select('id').where('rubric_id', '=', rubricId).where('version', '=', version).executeTakeFirst();
  return versionRow ? [] : undefined;
}

export async function insertRubric(db: Db, roleId: number, now: Date): Promise<number> {
  const row = await db
    .insertInto('rubrics')
    .values({ role_id: roleId, current_version: 0, created_at: now.toISOString(), updated_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Writes the next version of a rubric and makes it current. Call inside a transaction. */
export async function insertVersion(db: Db, rubricId: number, version: number, dimensions: readonly SeededDimension[], meta: { note: string | null; createdBy: number | null }, now: Date): Promise<void> {
  const { id: versionId } = await db
    .insertInto('rubric_versions')
    .values({ rubric_id: rubricId, version, note: meta.note, created_by: meta.createdBy, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (dimensions.length > 0) {
    await db
      .insertInto('rubric_dimensions')
      .values(
        dimensions.map((d, position) => ({
          version_id: versionId,
          key: d.key,
          dimension_group: d.group,
          name: d.name,
          description: d.description,
          weight: d.weight,
          position,
          knockout: d.knockout ? 1 : 0,
          threshold: d.threshold,
          trait: d.trait,
          anchor_1: d.anchors[0],
          anchor_2: d.anchors[1],
          anchor_3: d.anchors[2],
          anchor_4: d.anchors[3],
          questions: d.questions.join('\n'),
          seed_key: d.seedKey,
        })),
      )
      .execute();
  }
  await db.updateTable('rubrics').set({ current_version: version, updated_at: now.toISOString() }).where('id', '=', rubricId).execute();
}
