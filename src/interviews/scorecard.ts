import type { MessageKey } from '../i18n/i18n';

/** Overall recommendation: no neutral, as on the rating scale. */
export const RECOMMENDATIONS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
/** A scheduled interview happens (or happened); a cancelled one does not, and is scored by nobody. */
export type InterviewStatus = 'scheduled' | 'cancelled';

export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const NOT_ASSESSED = 'na';

export type ScorecardStatus = 'draft' | 'submitted';

export interface RatingEntry {
  readonly key: string;
  /** 1–4, or null when not assessed. */
  readonly rating: number | null;
  readonly evidence: string;
}

export interface ScorecardContent {
  readonly ratings: readonly RatingEntry[];
  readonly keyTakeaways: string;
  readonly recommendation: Recommendation | null;
}

/** What the kit form sent for one dimension: '' (untouched), 'na', or '1'–'4'. */
export interface RatingInput {
  readonly choice: string;
  readonly evidence: string;
}

export type ScorecardErrors = Record<string, MessageKey>;

const LIMITS = { evidence: 2000, keyTakeaways: 5000 } as const;

/**
 * Validates a scorecard. A draft may be partial. To submit, every focus dimension of the stage
 * needs a rating or an explicit "not assessed", a rating needs its evidence, and the overall
 * recommendation is required. Other rubric dimensions are optional. Errors are keyed by field:
 * `rating_<key>`, `evidence_<key>`, `recommendation`, `key_takeaways`.
 */
export function parseScorecard(
  input: { ratings: Readonly<Record<string, RatingInput>>; keyTakeaways: string; recommendation: string },
  dimensions: { all: readonly string[]; focus: readonly string[] },
  mode: 'draft' | 'submit',
): { ok: true; content: ScorecardContent } | { ok: false; errors: ScorecardErrors } {
  const errors: ScorecardErrors = {};
  const ratings: RatingEntry[] = [];
  const focus = new Set(dimensions.focus);
  for (const key of dimensions.all) {
    const entry = input.ratings[key] ?? { choice: '', evidence: '' };
    const evidence = entry.evidence.trim();
    if (evidence.length > LIMITS.evidence) errors[`evidence_${key}`] = 'validation.tooLong';
    if (entry.choice === '') {
      if (mode === 'submit' && focus.has(key)) errors[`rating_${key}`] = 'scorecard.error.focusRequired';
      else if (evidence !== '') ratings.push({ key, rating: null, evidence });
      continue;
    }
    if (entry.choice === NOT_ASSESSED) {
      ratings.push({ key, rating: null, evidence });
      continue;
    }
    if (!/^[1-4]$/.test(entry.choice)) {
      errors[`rating_${key}`] = 'validation.invalid';
      continue;
    }
    if (mode === 'submit' && evidence === '') errors[`evidence_${key}`] = 'scorecard.error.evidenceRequired';
    ratings.push({ key, rating: Number(entry.choice), evidence });
  }
  const keyTakeaways = input.keyTakeaways.trim();
  if (keyTakeaways.length > LIMITS.keyTakeaways) errors.key_takeaways = 'validation.tooLong';
  let recommendation: Recommendation | null = null;
  if (input.recommendation !== '') {
    if ((RECOMMENDATIONS as readonly string[]).includes(input.recommendation)) recommendation = input.recommendation as Recommendation;
    else errors.recommendation = 'validation.invalid';
  } else if (mode === 'submit') {
    errors.recommendation = 'scorecard.error.recommendationRequired';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, content: { ratings, keyTakeaways, recommendation } };
}

/**
 * Independent feedback: someone who interviews this candidate sees the other interviewers'
 * scorecards only once they have submitted every scorecard of their own for the application,
 * so nobody is anchored by what others said. Turned off by an admin setting.
 */
export function canSeeOthersScorecards(policy: { independentFeedback: boolean; viewerInterviewsApplication: boolean; viewerHasOpenScorecards: boolean }): boolean {
  if (!policy.independentFeedback) return true;
  if (!policy.viewerInterviewsApplication) return true;
  return !policy.viewerHasOpenScorecards;
}
