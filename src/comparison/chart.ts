/** Geometry of the comparison's radar chart, drawn as server-side SVG: no script, no chart library, no CDN. */

export const MAX_RATING = 4;
/** More shapes than this on one radar cannot be told apart; the viewer chooses which to chart. */
export const CHART_LIMIT = 6;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'triangle-down';

export interface SeriesStyle {
  readonly colour: string;
  /** stroke-dasharray, or null for a solid line. */
  readonly dash: string | null;
  readonly marker: MarkerShape;
}

/**
 * One style per charted candidate: Okabe–Ito colours (told apart with the common colour-vision
 * deficiencies), and a dash pattern and marker shape each, so the shapes stay apart in greyscale print.
 */
export const SERIES_STYLES: readonly SeriesStyle[] = [
  { colour: '#0072B2', dash: null, marker: 'circle' },
  { colour: '#D55E00', dash: '10 5', marker: 'square' },
  { colour: '#009E73', dash: '2 4', marker: 'triangle' },
  { colour: '#CC79A7', dash: '12 4 2 4', marker: 'diamond' },
  { colour: '#000000', dash: '6 3 2 3 2 3', marker: 'cross' },
  { colour: '#E69F00', dash: '18 6', marker: 'triangle-down' },
];

export interface RadarAxis {
  readonly x: number;
  readonly y: number;
  readonly labelX: number;
  readonly anchor: 'start' | 'middle' | 'end';
  /** The label, wrapped, one entry per line with its baseline. */
  readonly lines: readonly { readonly text: string; readonly y: number }[];
}

export interface RadarFrame {
  /** The SVG viewBox: tall enough for the wrapped labels above and below. */
  readonly viewBox: string;
  readonly width: number;
  readonly height: number;
  readonly cx: number;
  readonly cy: number;
  readonly radius: number;
  readonly axisCount: number;
  readonly axes: readonly RadarAxis[];
  /** Grid rings, one per rating level 1–4, with where their number is written (on the first axis). */
  readonly rings: readonly { readonly level: number; readonly points: string; readonly labelX: number; readonly labelY: number }[];
}

export const LABEL_FONT = 16;
const LINE_HEIGHT = 19;
const LABEL_GAP = 12;
/** Room beside the radar for labels, and the characters a label line may hold, per layout. */
export const RADAR_LAYOUTS = {
  /** Wide screens and print. */
  wide: { radius: 150, sideRoom: 130, wrap: 13 },
  /** Phones: a smaller radar, so the labels keep a readable size once the drawing is scaled to the screen. */
  compact: { radius: 80, sideRoom: 112, wrap: 11 },
} as const;
const END_ROOM = 24;

const r1 = (n: number) => Math.round(n * 10) / 10;

function point(frame: { cx: number; cy: number; radius: number; axisCount: number }, index: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / frame.axisCount;
  const r = (frame.radius * value) / MAX_RATING;
  return [r1(frame.cx + r * Math.cos(angle)), r1(frame.cy + r * Math.sin(angle))];
}

/** Splits a label into lines of at most `width` characters at spaces (a longer word keeps its own line). */
export function wrapLabel(label: string, width = 13): string[] {
  const lines: string[] = [];
  for (const word of label.trim().split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** The axes, rings and room for labels around a radar of the given layout. */
export function radarFrame(labels: readonly string[], layout: { radius: number; sideRoom: number; wrap: number } = RADAR_LAYOUTS.wide): RadarFrame {
  const { radius } = layout;
  const width = 2 * (radius + layout.sideRoom);
  const square = 2 * (radius + END_ROOM);
  const base = { cx: width / 2, cy: square / 2, radius, axisCount: Math.max(labels.length, 3) };
  const axes = labels.map((label, i): RadarAxis => {
    const [x, y] = point(base, i, MAX_RATING);
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / base.axisCount;
    const labelX = r1(base.cx + (radius + LABEL_GAP) * Math.cos(angle));
    const labelY = base.cy + (radius + LABEL_GAP) * Math.sin(angle);
    // Stryker disable next-line EqualityOperator: equivalent at the boundary (a label never sits exactly 4 px off the centre line, and one on it is already 'middle'); each side is tested.
    const anchor: RadarAxis['anchor'] = Math.abs(labelX - base.cx) < 4 ? 'middle' : labelX > base.cx ? 'start' : 'end';
    const wrapped = wrapLabel(label, layout.wrap);
    const block = (wrapped.length - 1) * LINE_HEIGHT;
    // Above the centre the block ends at the axis; below it starts there; at the sides it is centred on it.
    // Stryker disable next-line EqualityOperator: equivalent at the boundary (no axis angle puts a label exactly half a radius above or below the centre); each side is tested.
    const first = labelY < base.cy - radius / 2 ? labelY - block : labelY > base.cy + radius / 2 ? labelY + LABEL_FONT * 0.8 : labelY - block / 2 + LABEL_FONT * 0.35;
    return { x, y, labelX, anchor, lines: wrapped.map((text, k) => ({ text, y: r1(first + k * LINE_HEIGHT) })) };
  });
  const rings = [1, 2, 3, 4].map((level) => {
    const [, top] = point(base, 0, level);
    return { level, points: labels.map((_, i) => point(base, i, level).join(',')).join(' '), labelX: r1(base.cx + 5), labelY: r1(top + 13) };
  });
  const baselines = axes.flatMap((a) => a.lines.map((l) => l.y));
  const top = Math.floor(Math.min(0, ...baselines.map((y) => y - LABEL_FONT - 2)));
  const bottom = Math.ceil(Math.max(square, ...baselines.map((y) => y + 6)));
  return { viewBox: `0 ${top} ${width} ${bottom - top}`, width, height: bottom - top, ...base, axes, rings };
}

export interface RadarShape {
  /** The closed polygon when every axis is rated, else null (a filled shape would imply ratings that do not exist). */
  readonly polygon: string | null;
  /** Lines between neighbouring rated axes; an unrated axis leaves a gap on both its sides. */
  readonly segments: readonly string[];
  /** One marker per rated axis. */
  readonly markers: readonly { readonly x: number; readonly y: number }[];
}

/** One candidate's means on the frame's axes; null (unrated) is drawn as a gap, never as zero. */
export function radarShape(frame: RadarFrame, values: readonly (number | null)[]): RadarShape {
  const at = values.map((v, i) => (v === null ? null : point(frame, i, v)));
  const markers = at.flatMap((p) => (p ? [{ x: p[0], y: p[1] }] : []));
  const cyclic = values.length >= 3;
  if (cyclic && at.every((p) => p !== null)) return { polygon: at.map((p) => p!.join(',')).join(' '), segments: [], markers };
  // Walk once round from an unrated axis (or from the first axis when the shape is open anyway), cutting at each gap.
  const start = cyclic ? at.findIndex((p) => p === null) + 1 : 0;
  const segments: string[] = [];
  let run: string[] = [];
  const cut = () => {
    if (run.length > 1) segments.push(run.join(' '));
    run = [];
  };
  for (const p of [...at.slice(start), ...at.slice(0, start)]) {
    if (p) run.push(p.join(','));
    else cut();
  }
  cut();
  return { polygon: null, segments, markers };
}

/** The SVG path of a marker centred on (x, y), `r` from centre to edge. */
export function markerPath(shape: MarkerShape, x: number, y: number, r = 5): string {
  switch (shape) {
    case 'square':
      return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case 'triangle':
      return `M${x} ${y - r}L${x + r} ${y + r}L${x - r} ${y + r}Z`;
    case 'triangle-down':
      return `M${x} ${y + r}L${x + r} ${y - r}L${x - r} ${y - r}Z`;
    case 'diamond':
      return `M${x} ${y - r}L${x + r} ${y}L${x} ${y + r}L${x - r} ${y}Z`;
    case 'cross':
      return `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`;
    case 'circle':
      return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;
  }
}

export interface ChartCandidate {
  readonly applicationId: number;
  /** Others' ratings are withheld from the viewer: never charted, never named as unrated. */
  readonly hidden: boolean;
  readonly values: readonly (number | null)[];
}

export interface ChartChoice<T> {
  /** Drawn, in order; each takes the style of its position. */
  readonly charted: readonly T[];
  /** Everyone who could be drawn (visible, at least one axis rated). */
  readonly chartable: readonly T[];
  /** Visible candidates with no rating on any axis: left out of the chart and its legend. */
  readonly unrated: readonly T[];
  /** The chart follows the viewer's choice (some of the chosen can be drawn). */
  readonly chosen: boolean;
  /** The viewer chose more than the limit: only the first ones chosen are drawn. */
  readonly tooMany: boolean;
  /** Chartable candidates not drawn. */
  readonly omitted: number;
}

/**
 * Who the radar draws: the candidates the viewer chose (when any of them can be drawn), else
 * everyone chartable in the grid's order, at most `limit` either way; what is left out is counted
 * so the page can say so and offer the choice.
 */
export function chooseCharted<T extends ChartCandidate>(candidates: readonly T[], requested: readonly number[], limit = CHART_LIMIT): ChartChoice<T> {
  const visible = candidates.filter((c) => !c.hidden);
  const chartable = visible.filter((c) => c.values.some((v) => v !== null));
  const unrated = visible.filter((c) => c.values.every((v) => v === null));
  const chosen = chartable.filter((c) => requested.includes(c.applicationId));
  const picked = chosen.length > 0 ? chosen : chartable;
  const charted = picked.slice(0, limit);
  return { charted, chartable, unrated, chosen: chosen.length > 0, tooMany: chosen.length > limit, omitted: chartable.length - charted.length };
}
