/** Geometry for the reports' server-side SVG charts (no script, no chart library). */

export interface ScatterPoint {
  readonly cx: number;
  readonly cy: number;
  readonly label: string;
}

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
 * A scatter plot of interview score (x) against review rating (y, 1–4). Points on the same spot are
 * spread a little sideways so each hire stays visible.
 */
export function scatterPlot(points: readonly { x: number; y: number; label: string }[], xDomain: readonly [number, number], xTicks: readonly number[], size = { width: 260, height: 200 }): Scatter {
  const plot = { left: 34, top: 10, right: size.width - 10, bottom: size.height - 30 };
  const sx = (x: number) => plot.left + ((x - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * (plot.right - plot.left);
  const sy = (y: number) => plot.bottom - ((y - 1) / 3) * (plot.bottom - plot.top);
  const seen = new Map<string, number>();
  const placed = points.map((p) => {
    const cx = sx(p.x);
    const cy = sy(p.y);
    const key = `${Math.round(cx)}:${Math.round(cy)}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    const offset = k === 0 ? 0 : (k % 2 === 1 ? 1 : -1) * Math.ceil(k / 2) * 5;
    return { cx: r1(cx + offset), cy: r1(cy), label: p.label };
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
  readonly x: number;
  readonly width: number;
  readonly y: number;
}

export interface BarChart {
  readonly width: number;
  readonly height: number;
  readonly labelWidth: number;
  /** Where zero sits (the left edge unless the chart diverges around zero). */
  readonly zeroX: number;
  readonly rowHeight: number;
  readonly bars: readonly Bar[];
}

/**
 * Horizontal bars, one per row. With a negative minimum the bars diverge from zero (e.g. harsher
 * and more lenient than the panel).
 */
export function barChart(rows: readonly { label: string; value: number; display: string }[], domain: readonly [number, number], options: { width?: number; labelWidth?: number; rowHeight?: number } = {}): BarChart {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 170;
  const rowHeight = options.rowHeight ?? 24;
  const left = labelWidth;
  const right = width - 100;
  const span = domain[1] - domain[0] || 1;
  const sx = (v: number) => left + ((Math.max(domain[0], Math.min(domain[1], v)) - domain[0]) / span) * (right - left);
  const zeroX = r1(sx(Math.max(domain[0], Math.min(domain[1], 0))));
  const bars = rows.map((row, i) => {
    const end = sx(row.value);
    return { label: row.label, value: row.value, display: row.display, x: r1(Math.min(zeroX, end)), width: r1(Math.max(Math.abs(end - zeroX), row.value === 0 ? 0 : 1)), y: i * rowHeight + 4 };
  });
  return { width, height: rows.length * rowHeight + 8, labelWidth, zeroX, rowHeight, bars };
}
