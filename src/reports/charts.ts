/** Geometry for the reports' server-side SVG charts (no script, no chart library). */

export interface ScatterPoint {
  readonly cx: number;
  readonly cy: number;
  readonly r: number;
  /** The hire's name, or for a crowded spot the first few names. */
  readonly label: string;
  /** Hires on this spot: 1, or more where a crowded spot became one larger point. */
  readonly count: number;
}

/** Up to this many hires on one spot are drawn side by side; more become one point sized by their number. */
export const SPREAD_LIMIT = 3;
const NAMES_SHOWN = 3;

export interface Scatter {
  readonly width: number;
  readonly height: number;
  readonly plot: { readonly left: number; readonly top: number; readonly right: number; readonly bottom: number };
  readonly xTicks: readonly { x: number; label: string }[];
  readonly yTicks: readonly { y: number; label: string }[];
  readonly points: readonly ScatterPoint[];
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/**
 * A scatter plot of interview score (x) against review rating (y, 1–4). A few points on the same
 * spot are spread a little sideways so each hire stays visible; a crowded spot becomes one larger
 * point that says how many hires it holds, so the plot stays inside its frame and small in bytes
 * however many hires there are.
 */
export function scatterPlot(points: readonly { x: number; y: number; label: string }[], xDomain: readonly [number, number], xTicks: readonly number[], size = { width: 260, height: 200 }): Scatter {
  const plot = { left: 34, top: 10, right: size.width - 10, bottom: size.height - 30 };
  const sx = (x: number) => plot.left + ((x - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - 1) / 3) * (plot.bottom - plot.top);
  const spots = new Map<string, { cx: number; cy: number; labels: string[] }>();
  for (const p of points) {
    const cx = sx(p.x);
    const cy = sy(p.y);
    const key = `${Math.round(cx)}:${Math.round(cy)}`;
    const spot = spots.get(key) ?? { cx, cy, labels: [] };
    spot.labels.push(p.label);
    spots.set(key, spot);
  }
  const placed = [...spots.values()].flatMap((spot): ScatterPoint[] => {
    if (spot.labels.length > SPREAD_LIMIT) {
      return [{ cx: r1(spot.cx), cy: r1(spot.cy), r: r1(Math.min(10, 4 + Math.sqrt(spot.labels.length - 1))), label: spot.labels.slice(0, NAMES_SHOWN).join(', '), count: spot.labels.length }];
    }
    return spot.labels.map((label, k) => ({ cx: r1(spot.cx + (k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * 5)), cy: r1(spot.cy), r: 4, label, count: 1 }));
  });
  return {
    width: size.width,
    height: size.height,
    plot,
    xTicks: xTicks.map((t) => ({ x: r1(sx(t)), label: String(t) })),
    yTicks: [1, 2, 3, 4].map((t) => ({ y: r1(sy(t)), label: String(t) })),
    points: placed,
  };
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly display: string;
  /** Left edge and width of the bar, in percent of the chart's width. */
  readonly x: number;
  readonly width: number;
  /** Top of the bar's row (label line, then the bar), in pixels. */
  readonly y: number;
}

export interface BarChart {
  readonly height: number;
  /** Where zero sits, in percent of the width (the left edge unless the chart diverges around zero). */
  readonly zeroX: number;
  readonly rowHeight: number;
  readonly bars: readonly Bar[];
}

/** Share of the width bars may take; the rest holds the value written after the longest bar. */
export const BAR_TRACK = 70;

/**
 * Horizontal bars, one per row, each under its label, as wide as the box they are drawn in
 * (positions in percent, text at its own size). With a negative minimum the bars diverge from zero
 * (e.g. harsher and more lenient than the panel).
 */
export function barChart(rows: readonly { label: string; value: number; display: string }[], domain: readonly [number, number], options: { rowHeight?: number } = {}): BarChart {
  const rowHeight = options.rowHeight ?? 44;
  const span = domain[1] - domain[0] || 1;
  const sx = (v: number) => ((Math.max(domain[0], Math.min(domain[1], v)) - domain[0]) / span) * BAR_TRACK;
  const zeroX = r1(sx(Math.max(domain[0], Math.min(domain[1], 0))));
  const bars = rows.map((row, i) => {
    const end = sx(row.value);
    return { label: row.label, value: row.value, display: row.display, x: r1(Math.min(zeroX, end)), width: r1(Math.max(Math.abs(end - zeroX), row.value === 0 ? 0 : 0.3)), y: i * rowHeight + 4 };
  });
  return { height: rows.length * rowHeight + 8, zeroX, rowHeight, bars };
}
