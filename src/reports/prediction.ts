import { type Correlation, correlate } from './statistics';

/** One hire with a 90-day review: their interview scores (from the scoring domain) and the review rating. */
export interface ReviewedHire {
  readonly name: string;
  /** 1 well below … 4 well above expectations. */
  readonly reviewRating: number;
  /** 0–100, null when nothing weighted was rated. */
  readonly weightedScore: number | null;
  /** Dimension key → mean interview rating (1–4), null when not assessed. */
  readonly dimensionMeans: ReadonlyMap<string, number | null>;
}

export interface PredictionRow {
  /** 'weighted' for the weighted total, else a rubric dimension key. */
  readonly key: string;
  readonly name: string;
  readonly correlation: Correlation;
  /** Interview score (x) and review (y) of each hire rated on it. */
  readonly points: readonly { x: number; y: number; label: string }[];
}

export interface PredictionReport {
  readonly hires: number;
  readonly weighted: PredictionRow;
  readonly dimensions: readonly PredictionRow[];
}

/**
 * Per rubric dimension and for the weighted total: how interview scores of reviewed hires line up
 * with their 90-day review. Dimensions nobody rated for any hire are left out.
 */
export function buildPrediction(hires: readonly ReviewedHire[], dimensions: readonly { key: string; name: string }[], weightedName: string): PredictionReport {
  const row = (key: string, name: string, value: (h: ReviewedHire) => number | null | undefined): PredictionRow => {
    const points = hires.flatMap((h) => {
      const x = value(h);
      return x === null || x === undefined ? [] : [{ x, y: h.reviewRating, label: h.name }];
    });
    return { key, name, correlation: correlate(points.map((p) => [p.x, p.y] as const)), points };
  };
  return {
    hires: hires.length,
    weighted: row('weighted', weightedName, (h) => h.weightedScore),
    dimensions: dimensions.map((d) => row(d.key, d.name, (h) => h.dimensionMeans.get(d.key))).filter((r) => r.points.length > 0),
  };
}
