import { z } from 'zod';
import { type FormResult, parseForm } from '../web/forms';
import type { RatingInput } from './scorecard';

/** The kit's scorecard form, for the rubric's dimensions: a rating choice and evidence per dimension, take-aways, a recommendation. */
export function parseScorecardForm(body: unknown, dimensionKeys: readonly string[]): FormResult<{ mode: 'draft' | 'submit'; ratings: Record<string, RatingInput>; keyTakeaways: string; recommendation: string }> {
  const text = z.string('validation.invalid').default('');
  const schema = z.object({
    action: text,
    key_takeaways: text,
    recommendation: text,
    ...Object.fromEntries(dimensionKeys.flatMap((key) => [[`rating_${key}`, text], [`evidence_${key}`, text]])),
  });
  const parsed = parseForm(schema, body);
  if (!parsed.ok) return parsed;
  const form = parsed.data as Record<string, string>;
  return {
    ok: true,
    data: {
      mode: form.action === 'submit' ? 'submit' : 'draft',
      ratings: Object.fromEntries(dimensionKeys.map((key) => [key, { choice: form[`rating_${key}`] ?? '', evidence: form[`evidence_${key}`] ?? '' }])),
      keyTakeaways: form.key_takeaways ?? '',
      recommendation: form.recommendation ?? '',
    },
  };
}
