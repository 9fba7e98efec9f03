/**
 * Thorndike's case II correction for direct range restriction: hires were chosen on their score, so
 * the score varies less among them than among everyone assessed and the observed link understates
 * the link in the whole applicant group. With u = SD(all assessed) / SD(hired):
 *   r_c = r·u / √(1 + r²(u² − 1)).
 * An estimate: it assumes selection was on the score alone and the relation is linear with even spread.
 */
export function correctForRangeRestriction(r: number, sdAssessed: number | null, sdHired: number | null): number | null {
  if (sdAssessed === null || sdHired === null || !(sdHired > 0) || !(sdAssessed > 0)) return null;
  const u = sdAssessed / sdHired;
  return (r * u) / Math.sqrt(1 + r * r * (u * u - 1));
}

/** Sample standard deviation (n − 1); null below two values. */
export function standardDeviation(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}
