/**
 * Thorndike's case II correction for direct range restriction: hires were chosen on their score, so
 * the score varies less among them than among everyone assessed and the observed link understates
 * the link in the whole applicant group. With u = SD(all assessed) / SD(hired):
 *   r_c = r·u / √(1 + r²(u² − 1)).
 * An estimate: it assumes selection was on the score alone and the relation is linear with even spread.
 */
export function correctForRangeRestriction(r: number, sdAssessed: number | null, sdHired: number | null): number | null {
  // A missing spread counts as none: no correction without a positive spread on both sides.
  if (!((sdHired ?? 0) > 0) || !((sdAssessed ?? 0) > 0)) return null;
  const u = sdAssessed! / sdHired!;
  return (r * u) / Math.sqrt(1 + r * r * (u * u - 1));
}

/** Sample standard deviation (n − 1); null below two values. */
export function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/**
 * Per prediction row (the weighted total and each dimension): the score's standard deviation among
 * every assessed application that has that score, and among the reviewed hires in the row.
 */
export function spreadsOf(
  report: { readonly weighted: { readonly key: string; readonly points: readonly { x: number }[] }; readonly dimensions: readonly { readonly key: string; readonly points: readonly { x: number }[] }[] },
  assessed: readonly { readonly weightedScore: number | null; readonly dimensionMeans: ReadonlyMap<string, number | null> }[],
): Map<string, { assessed: number | null; hired: number | null }> {
  const present = (values: readonly (number | null | undefined)[]) => values.filter((v): v is number => v !== null && v !== undefined);
  const spreads = new Map<string, { assessed: number | null; hired: number | null }>();
  spreads.set(report.weighted.key, { assessed: standardDeviation(present(assessed.map((a) => a.weightedScore))), hired: standardDeviation(report.weighted.points.map((p) => p.x)) });
  for (const row of report.dimensions) {
    spreads.set(row.key, { assessed: standardDeviation(present(assessed.map((a) => a.dimensionMeans.get(row.key)))), hired: standardDeviation(row.points.map((p) => p.x)) });
  }
  return spreads;
}

/** The corrected figure of a row whose correlation is r (null when no correlation or no spreads). */
export function correctedFor(r: number | null, spread: { assessed: number | null; hired: number | null } | undefined): number | null {
  return r === null || spread === undefined ? null : correctForRangeRestriction(r, spread.assessed, spread.hired);
}
