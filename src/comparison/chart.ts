/** Geometry of a radar chart drawn as server-side SVG: no script, no chart library, no CDN. */
export interface RadarAxis {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly labelX: number;
  readonly labelY: number;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface Radar {
  readonly size: number;
  readonly center: number;
  readonly axes: readonly RadarAxis[];
  /** Polygons of the grid rings, one per rating level 1–4. */
  readonly rings: readonly string[];
}

const MAX_RATING = 4;

function point(center: number, radius: number, index: number, count: number, value: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  const r = (radius * value) / MAX_RATING;
  return [Math.round((center + r * Math.cos(angle)) * 10) / 10, Math.round((center + r * Math.sin(angle)) * 10) / 10];
}

export function radarFrame(labels: readonly string[], size = 320): Radar {
  const center = size / 2;
  const radius = size / 2 - 60;
  const count = Math.max(labels.length, 3);
  const axes = labels.map((label, i) => {
    const [x, y] = point(center, radius, i, count, MAX_RATING);
    const [labelX, labelY] = point(center, radius + 28, i, count, MAX_RATING);
    const anchor: RadarAxis['anchor'] = Math.abs(labelX - center) < 4 ? 'middle' : labelX > center ? 'start' : 'end';
    return { label, x, y, labelX, labelY, anchor };
  });
  const rings = [1, 2, 3, 4].map((level) => labels.map((_, i) => point(center, radius, i, count, level).join(',')).join(' '));
  return { size, center, axes, rings };
}

/** The polygon of one candidate's means (an unrated axis is drawn at the centre). */
export function radarPolygon(values: readonly (number | null)[], size = 320): string {
  const center = size / 2;
  const radius = size / 2 - 60;
  const count = Math.max(values.length, 3);
  return values.map((v, i) => point(center, radius, i, count, v ?? 0).join(',')).join(' ');
}
