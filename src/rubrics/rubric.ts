import type { MessageKey } from '../i18n/i18n';
import type { DimensionGroup, DimensionTrait } from './default-content';

/** 1 = strong no, 2 = no, 3 = yes, 4 = strong yes. There is no neutral. */
export const RATINGS = [1, 2, 3, 4] as const;
export type Rating = (typeof RATINGS)[number];

export const CORE_DIMENSION_KEYS = ['integrity', 'culture_mission', 'sales_dna', 'process_focus'] as const;
export const DEFAULT_KNOCKOUT_THRESHOLD = 2.5;
export const MAX_WEIGHT = 10;
export const DIMENSION_GROUPS: readonly DimensionGroup[] = ['core', 'role'];
export const DIMENSION_TRAITS: readonly DimensionTrait[] = ['individual_selling', 'management'];

export interface Dimension {
  readonly key: string;
  readonly group: DimensionGroup;
  readonly name: string;
  readonly description: string;
  readonly weight: number;
  readonly knockout: boolean;
  /** Knockouts only: a mean below this marks the candidate below bar. */
  readonly threshold: number | null;
  readonly trait: DimensionTrait | null;
  readonly anchors: readonly [string, string, string, string];
  readonly questions: readonly string[];
}

/** A dimension as typed into the edit form: every field a string, nothing trusted yet. */
export interface DimensionDraft {
  readonly key: string;
  readonly group: string;
  readonly name: string;
  readonly description: string;
  readonly weight: string;
  readonly knockout: boolean;
  readonly threshold: string;
  readonly trait: string;
  readonly anchors: readonly [string, string, string, string];
  readonly questions: string;
  readonly position: string;
  readonly remove: boolean;
}

export type DimensionField = 'key' | 'group' | 'name' | 'description' | 'weight' | 'threshold' | 'trait' | 'anchor1' | 'anchor2' | 'anchor3' | 'anchor4' | 'questions' | 'position';

export interface RubricErrors {
  readonly form: MessageKey[];
  /** By index in the submitted drafts. */
  readonly dimensions: Readonly<Record<number, Partial<Record<DimensionField, MessageKey>>>>;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{1,49}$/;
const LIMITS = { name: 120, description: 1000, anchor: 600, questions: 3000 } as const;

function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(trimmed)) return undefined;
  return Number(trimmed);
}

export function dimensionToDraft(dimension: Dimension, position: number): DimensionDraft {
  return {
    key: dimension.key,
    group: dimension.group,
    name: dimension.name,
    description: dimension.description,
    weight: String(dimension.weight),
    knockout: dimension.knockout,
    threshold: dimension.threshold === null ? '' : String(dimension.threshold),
    trait: dimension.trait ?? '',
    anchors: dimension.anchors,
    questions: dimension.questions.join('\n'),
    position: String(position),
    remove: false,
  };
}

/**
 * Turns the edit form's drafts into dimensions, or says what is wrong next to each field. Removed
 * drafts are dropped; the rest are ordered by their position number (ties keep the form's order).
 */
export function parseDimensions(drafts: readonly DimensionDraft[]): { ok: true; dimensions: Dimension[] } | { ok: false; errors: RubricErrors } {
  const form: MessageKey[] = [];
  const errors: Record<number, Partial<Record<DimensionField, MessageKey>>> = {};
  const seenKeys = new Map<string, number>();
  const parsed: { position: number; dimension: Dimension }[] = [];

  drafts.forEach((draft, index) => {
    if (draft.remove) return;
    const e: Partial<Record<DimensionField, MessageKey>> = {};
    const key = draft.key.trim();
    const name = draft.name.trim();
    const description = draft.description.trim();
    if (!KEY_PATTERN.test(key)) e.key = 'rubric.error.key';
    else if (seenKeys.has(key)) e.key = 'rubric.error.duplicateKey';
    else seenKeys.set(key, index);
    if (name === '') e.name = 'validation.required';
    else if (name.length > LIMITS.name) e.name = 'validation.tooLong';
    if (description.length > LIMITS.description) e.description = 'validation.tooLong';
    if (!(DIMENSION_GROUPS as readonly string[]).includes(draft.group)) e.group = 'validation.invalid';
    const weight = parseNumber(draft.weight);
    if (weight === undefined || weight < 0 || weight > MAX_WEIGHT) e.weight = 'rubric.error.weight';
    let threshold: number | null = null;
    if (draft.knockout) {
      const value = draft.threshold.trim() === '' ? DEFAULT_KNOCKOUT_THRESHOLD : parseNumber(draft.threshold);
      if (value === undefined || value <= 1 || value > 4) e.threshold = 'rubric.error.threshold';
      else threshold = value;
    }
    const trait = draft.trait === '' ? null : (DIMENSION_TRAITS as readonly string[]).includes(draft.trait) ? (draft.trait as DimensionTrait) : undefined;
    if (trait === undefined) e.trait = 'validation.invalid';
    const anchors = draft.anchors.map((a) => a.trim()) as [string, string, string, string];
    anchors.forEach((anchor, level) => {
      const field = `anchor${level + 1}` as DimensionField;
      if (anchor === '') e[field] = 'rubric.error.anchor';
      else if (anchor.length > LIMITS.anchor) e[field] = 'validation.tooLong';
    });
    if (draft.questions.length > LIMITS.questions) e.questions = 'validation.tooLong';
    const position = draft.position.trim() === '' ? index + 1 : parseNumber(draft.position);
    if (position === undefined) e.position = 'validation.invalid';

    if (Object.keys(e).length > 0) {
      errors[index] = e;
      return;
    }
    parsed.push({
      position: position as number,
      dimension: {
        key,
        group: draft.group as DimensionGroup,
        name,
        description,
        weight: weight as number,
        knockout: draft.knockout,
        threshold,
        trait: trait as DimensionTrait | null,
        anchors,
        questions: draft.questions.split(/\r?\n/).map((q) => q.trim()).filter((q) => q !== ''),
      },
    });
  });

  const kept = drafts.filter((d) => !d.remove);
  if (kept.length === 0) form.push('rubric.error.empty');
  const keptKeys = new Set(kept.map((d) => d.key.trim()));
  if (kept.length > 0 && CORE_DIMENSION_KEYS.some((core) => !keptKeys.has(core))) form.push('rubric.error.coreMissing');
  if (Object.keys(errors).length === 0 && parsed.length > 0 && parsed.every((p) => p.dimension.weight === 0)) form.push('rubric.error.allWeightsZero');

  if (form.length > 0 || Object.keys(errors).length > 0) return { ok: false, errors: { form, dimensions: errors } };
  // Sorting is stable: dimensions at the same position keep the form's order.
  parsed.sort((a, b) => a.position - b.position);
  return { ok: true, dimensions: parsed.map((p) => p.dimension) };
}

/** Each dimension's share of the total weight (0–1); all zero when the total is zero. */
export function weightShares(dimensions: readonly Pick<Dimension, 'key' | 'weight'>[]): Map<string, number> {
  const total = dimensions.reduce((sum, d) => sum + d.weight, 0);
  return new Map(dimensions.map((d) => [d.key, total > 0 ? d.weight / total : 0]));
}

export type ChangedField = 'name' | 'group' | 'description' | 'weight' | 'knockout' | 'threshold' | 'trait' | 'anchor1' | 'anchor2' | 'anchor3' | 'anchor4' | 'questions' | 'position';

export type DimensionChange =
  | { readonly kind: 'added'; readonly key: string; readonly name: string }
  | { readonly kind: 'removed'; readonly key: string; readonly name: string }
  | { readonly kind: 'changed'; readonly key: string; readonly name: string; readonly fields: readonly { field: ChangedField; before: string; after: string }[] };

function describe(dimension: Dimension, position: number): Record<ChangedField, string> {
  return {
    name: dimension.name,
    group: dimension.group,
    description: dimension.description,
    weight: String(dimension.weight),
    knockout: dimension.knockout ? 'yes' : 'no',
    threshold: dimension.threshold === null ? '' : String(dimension.threshold),
    trait: dimension.trait ?? '',
    anchor1: dimension.anchors[0],
    anchor2: dimension.anchors[1],
    anchor3: dimension.anchors[2],
    anchor4: dimension.anchors[3],
    questions: dimension.questions.join('\n'),
    position: String(position + 1),
  };
}

/** What changed from one version's dimensions to another's, matched by key, in the newer order. */
export function diffDimensions(from: readonly Dimension[], to: readonly Dimension[]): DimensionChange[] {
  const before = new Map(from.map((d, i) => [d.key, { d, i }]));
  const after = new Set(to.map((d) => d.key));
  const changes: DimensionChange[] = [];
  to.forEach((dimension, index) => {
    const old = before.get(dimension.key);
    if (!old) return changes.push({ kind: 'added', key: dimension.key, name: dimension.name });
    const a = describe(old.d, old.i);
    const b = describe(dimension, index);
    const fields = (Object.keys(a) as ChangedField[]).filter((f) => a[f] !== b[f]).map((field) => ({ field, before: a[field], after: b[field] }));
    if (fields.length > 0) changes.push({ kind: 'changed', key: dimension.key, name: dimension.name, fields });
  });
  for (const old of from) if (!after.has(old.key)) changes.push({ kind: 'removed', key: old.key, name: old.name });
  return changes;
}

/** Thresholds of the top-closer trap: individual selling at least "yes", management below the bar. */
export const TOP_CLOSER_TRAP = { sellingAtLeast: 3, managementBelow: 2.5 } as const;

/**
 * The top-closer trap (VP Sales): strong individual selling with weak management. `means` holds the
 * mean rating per dimension key (undefined when not rated). Management is the mean of the rated
 * management dimensions. Not flagged when either side has no rating.
 */
export function topCloserTrap(dimensions: readonly Pick<Dimension, 'key' | 'trait'>[], means: ReadonlyMap<string, number | undefined>): { flagged: boolean; selling?: number; management?: number } {
  const rated = (trait: DimensionTrait) => dimensions.filter((d) => d.trait === trait).map((d) => means.get(d.key)).filter((m): m is number => m !== undefined);
  const selling = rated('individual_selling');
  const management = rated('management');
  if (selling.length === 0 || management.length === 0) return { flagged: false };
  const sellingMean = Math.max(...selling);
  const managementMean = management.reduce((s, m) => s + m, 0) / management.length;
  return {
    flagged: sellingMean >= TOP_CLOSER_TRAP.sellingAtLeast && managementMean < TOP_CLOSER_TRAP.managementBelow,
    selling: sellingMean,
    management: managementMean,
  };
}
