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
