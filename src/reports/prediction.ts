import { clearByChance, type Correlation, correlate } from './statistics';

/** One hire with a 90-day review: their interview scores as they stood at the hire decision, and the review rating. */
export interface ReviewedHire {
  readonly name: string;
  /** 1 well below … 4 well above expectations. */
  readonly reviewRating: number;
  /** 0–100, null when nothing weighted was rated. */
  readonly weightedScore: number | null;
  /** Dimension key → mean interview rating (1–4), null when not assessed. */
  readonly dimensionMeans: ReadonlyMap<string, number | null>;
  /** The review was written by someone who interviewed this hire or decided on them (criterion contamination). */
  readonly reviewerInvolved: boolean;
}

export interface PredictionRow {
  /** 'weighted' for the weighted total, else a rubric dimension key. */
  readonly key: string;
  readonly name: string;
  /** The rank correlation with its n, r and interval (low, high). */
  readonly correlation: Correlation;
  /** How many of this row's reviews were written by one of the hire's interviewers or their decider. */
  readonly involved: number;
  /** Interview score (x) and review (y) of each hire rated on it. */
  readonly points: readonly { x: number; y: number; label: string }[];
}

export interface PredictionReport {
  readonly hires: number;
  /** Reviews left out because their author interviewed or decided on the hire (0 unless asked). */
  readonly excluded: number;
  readonly excludeInvolved: boolean;
  readonly weighted: PredictionRow;
  readonly dimensions: readonly PredictionRow[];
  /** Rows with a figure, and about how many of them would look clear by chance alone. */
  readonly tested: number;
  readonly clearByChance: number;
  readonly clear: number;
}

/** Mean rating per dimension (two decimals, as the scoring rounds them) of a list of ratings. */
export function dimensionMeans(ratings: readonly { key: string; rating: number }[]): Map<string, number> {
  const sums = new Map<string, { sum: number; count: number }>();
  for (const r of ratings) {
    const s = sums.get(r.key) ?? { sum: 0, count: 0 };
    s.sum += r.rating;
    s.count += 1;
    sums.set(r.key, s);
  }
  return new Map([...sums].map(([key, s]) => [key, Math.round((s.sum / s.count) * 100) / 100]));
}

/**
 * Per rubric dimension and for the weighted total: how interview scores of reviewed hires line up
 * with their 90-day review. Dimensions nobody rated for any hire are left out. With `excludeInvolved`,
 * reviews written by a hire's own interviewer or decider are left out before anything is computed.
 */
export function buildPrediction(
  all: readonly ReviewedHire[],
  dimensions: readonly { key: string; name: string }[],
  weightedName: string,
  options: { excludeInvolved?: boolean; resamples?: number } = {},
): PredictionReport {
  const excludeInvolved = options.excludeInvolved === true;
  const hires = excludeInvolved ? all.filter((h) => !h.reviewerInvolved) : all;
  const row = (key: string, name: string, value: (h: ReviewedHire) => number | null | undefined): PredictionRow => {
    const rated = hires.flatMap((h) => {
      const x = value(h);
      return x === null || x === undefined ? [] : [{ hire: h, point: { x, y: h.reviewRating, label: h.name } }];
    });
    const points = rated.map((r) => r.point);
    return { key, name, correlation: correlate(points.map((p) => [p.x, p.y] as const), undefined, options.resamples), involved: rated.filter((r) => r.hire.reviewerInvolved).length, points };
  };
  const weighted = row('weighted', weightedName, (h) => h.weightedScore);
  const rows = dimensions.map((d) => row(d.key, d.name, (h) => h.dimensionMeans.get(d.key))).filter((r) => r.points.length > 0);
  const shown = [weighted, ...rows].filter((r) => r.correlation.state === 'ok');
  return {
    hires: hires.length,
    excluded: all.length - hires.length,
    excludeInvolved,
    weighted,
    dimensions: rows,
    tested: shown.length,
    clearByChance: clearByChance(shown.length),
    // Stryker disable next-line ConditionalExpression: shown holds only 'ok' rows; the check is there to narrow the type
    clear: shown.filter((r) => r.correlation.state === 'ok' && r.correlation.clear).length,
  };
}
