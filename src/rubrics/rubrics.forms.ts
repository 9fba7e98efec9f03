import { z } from 'zod';
import { positiveInt } from '../shared/ids';
import { parseForm } from '../web/forms';
import type { DimensionDraft } from './rubric';

export const MAX_DIMENSIONS = 40;

const text = z.string('validation.invalid').default('');
const FIELDS = ['key', 'group', 'name', 'description', 'weight', 'knockout', 'threshold', 'trait', 'anchor1', 'anchor2', 'anchor3', 'anchor4', 'questions', 'position', 'remove', 'existing'] as const;

/**
 * Reads the rubric editor: `count` dimensions with fields named d<index>_<field>, kept as typed
 * (the rubric domain checks them, with messages per dimension). A field sent twice counts as empty.
 */
export function parseRubricForm(body: unknown): { drafts: DimensionDraft[]; existing: boolean[]; note: string; baseVersion: number | undefined; action: string } {
  const head = parseForm(z.object({ count: text, note: text, base_version: text, action: text }), body);
  const top = head.ok ? head.data : { count: '', note: '', base_version: '', action: '' };
  const count = Math.min(positiveInt(top.count) ?? 0, MAX_DIMENSIONS);
  const drafts: DimensionDraft[] = [];
  const existing: boolean[] = [];
  for (let i = 0; i < count; i += 1) {
    const shape = Object.fromEntries(FIELDS.map((name) => [`d${i}_${name}`, text.catch('')]));
    const parsed = parseForm(z.object(shape), body);
    const f = (name: (typeof FIELDS)[number]) => (parsed.ok ? (parsed.data[`d${i}_${name}`] ?? '') : '');
    drafts.push({
      key: f('key'),
      group: f('group'),
      name: f('name'),
      description: f('description'),
      weight: f('weight'),
      knockout: f('knockout') === 'on',
      threshold: f('threshold'),
      trait: f('trait'),
      anchors: [f('anchor1'), f('anchor2'), f('anchor3'), f('anchor4')],
      questions: f('questions'),
      position: f('position'),
      remove: f('remove') === 'on',
    });
    existing.push(f('existing') === '1');
  }
  return { drafts, existing, note: top.note.trim().slice(0, 500), baseVersion: positiveInt(top.base_version), action: top.action };
}

/** A "move up" or "move down" button of the editor: `up:<index>` or `down:<index>`. */
export function parseMoveAction(action: string): { from: number; to: number } | undefined {
  const match = /^(up|down):(\d{1,3})$/.exec(action);
  if (!match) return undefined;
  const from = Number(match[2]);
  return { from, to: match[1] === 'up' ? from - 1 : from + 1 };
}

/**
 * The editor's dimensions with one moved a place up or down, everything typed kept; each position
 * becomes its place in the form (the order the form shows is the order that is saved). A move past
 * either end, or of a dimension that is not there, changes nothing.
 */
export function moveDraft<T extends { readonly position: string }>(drafts: readonly T[], existing: readonly boolean[], move: { from: number; to: number }): { drafts: T[]; existing: boolean[]; moved: number | undefined } {
  const order = drafts.map((_, i) => i);
  const inRange = (i: number) => i >= 0 && i < drafts.length;
  const moves = inRange(move.from) && inRange(move.to);
  if (moves) [order[move.from], order[move.to]] = [order[move.to]!, order[move.from]!];
  return {
    drafts: order.map((from, i) => ({ ...drafts[from]!, position: String(i + 1) })),
    existing: order.map((from) => existing[from] ?? false),
    moved: moves ? move.to : undefined,
  };
}

/**
 * Rows a text box needs to show its text whole (for browsers that cannot size fields to their
 * content): the wrapped lines at about `perLine` characters, between `min` and `max`.
 */
export function textRows(text: string, min: number, max: number, perLine = 36): number {
  const lines = text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return Math.min(max, Math.max(min, lines));
}
