import { CHART_LIMIT, chooseCharted, markerPath, RADAR_LAYOUTS, radarFrame, radarShape, SERIES_STYLES, wrapLabel } from '../../../src/comparison/chart';

const LABELS = ['Integrity', 'Culture and mission fit', 'Sales DNA (relationship building)', 'Process'];

describe('wrapLabel', () => {
  it('when words fit the width together, then they share a line; at the width exactly they still do', () => {
    expect(wrapLabel('Culture and mission fit')).toEqual(['Culture and', 'mission fit']);
    expect(wrapLabel('abcdef abcdef', 13)).toEqual(['abcdef abcdef']);
    expect(wrapLabel('abcdef abcdefg', 13)).toEqual(['abcdef', 'abcdefg']);
  });

  it('when a word is longer than the width, then it keeps a line of its own; surrounding spaces are dropped', () => {
    expect(wrapLabel('  a verylongwordindeed b  ', 5)).toEqual(['a', 'verylongwordindeed', 'b']);
  });

  it('when words are apart by several spaces or a tab, then they wrap as if one space stood between them', () => {
    expect(wrapLabel('Sales   DNA\tfit', 13)).toEqual(['Sales DNA fit']);
  });
});

describe('radarFrame', () => {
  const f = radarFrame(LABELS);

  it('when drawn, then the radar sits in the middle of a box with room for the labels at the sides', () => {
    expect(f).toMatchObject({ width: 560, cx: 280, cy: 174, radius: 150, axisCount: 4 });
    expect(f.axes.map((a) => [a.x, a.y])).toEqual([[280, 24], [430, 174], [280, 324], [130, 174]]);
  });

  it('when labelled, then the top and bottom labels are centred, the right one starts and the left one ends at its axis', () => {
    expect(f.axes.map((a) => [a.labelX, a.anchor])).toEqual([[280, 'middle'], [442, 'start'], [280, 'middle'], [118, 'end']]);
  });

  it('when a label wraps, then above the centre it grows upwards, below it grows downwards and at the sides it is centred on the axis', () => {
    expect(f.axes[0]!.lines).toEqual([{ text: 'Integrity', y: 12 }]);
    expect(f.axes[1]!.lines).toEqual([{ text: 'Culture and', y: 170.1 }, { text: 'mission fit', y: 189.1 }]);
    expect(f.axes[2]!.lines.map((l) => l.y)).toEqual([348.8, 367.8, 386.8]);
    expect(f.axes[3]!.lines).toEqual([{ text: 'Process', y: 179.6 }]);
    const top = radarFrame(['Culture and mission fit', 'b', 'c', 'd']);
    expect(top.axes[0]!.lines.map((l) => l.y)).toEqual([-7, 12]);
  });

  it('when the labels reach beyond the square, then the view box grows to hold them', () => {
    expect(f.viewBox).toBe('0 -6 560 399');
    expect(f.height).toBe(399);
    expect(radarFrame(['a', 'b', 'c', 'd']).viewBox).toBe('0 -6 560 361');
    expect(radarFrame(['Culture and mission fit', 'b', 'c', 'd']).viewBox).toBe('0 -25 560 380');
    // No label below the square (three axes) or none at all: the square itself bounds the box.
    expect(radarFrame(['a', 'b', 'c']).viewBox).toBe('0 -6 560 354');
    expect(radarFrame([]).viewBox).toBe('0 0 560 348');
  });

  it('when the rings are drawn, then there is one per rating 1–4, numbered just right of the first axis', () => {
    expect(f.rings.map((r) => r.level)).toEqual([1, 2, 3, 4]);
    expect(f.rings[0]).toEqual({ level: 1, points: '280,136.5 317.5,174 280,211.5 242.5,174', labelX: 285, labelY: 149.5 });
    expect(f.rings[3]).toEqual({ level: 4, points: '280,24 430,174 280,324 130,174', labelX: 285, labelY: 37 });
  });

  it('when there are fewer than three dimensions, then the angles still divide a circle in three', () => {
    const two = radarFrame(['a', 'b']);
    expect(two.axisCount).toBe(3);
    expect(two.axes[1]).toMatchObject({ x: 409.9, y: 249, labelX: 420.3, anchor: 'start' });
    expect(two.rings[3]!.points).toBe('280,24 409.9,249');
  });

  it('when given another radius, then everything scales from it', () => {
    const small = radarFrame(['a', 'b', 'c', 'd'], { radius: 100, sideRoom: 130, wrap: 13 });
    expect(small).toMatchObject({ width: 460, cx: 230, cy: 124, radius: 100 });
  });

  it('when laid out for phones, then the radar is smaller beside the same room for labels, wrapped shorter', () => {
    expect(RADAR_LAYOUTS.compact).toEqual({ radius: 80, sideRoom: 112, wrap: 11 });
    const compact = radarFrame(LABELS, RADAR_LAYOUTS.compact);
    expect(compact).toMatchObject({ width: 384, cx: 192, cy: 104, radius: 80 });
    expect(compact.axes[1]!.lines.map((l) => l.text)).toEqual(['Culture and', 'mission fit']);
    expect(compact.axes[2]!.lines.map((l) => l.text)).toEqual(['Sales DNA', '(relationship', 'building)']);
    expect(RADAR_LAYOUTS.wide).toEqual({ radius: 150, sideRoom: 130, wrap: 13 });
    expect(radarFrame(LABELS)).toEqual(radarFrame(LABELS, RADAR_LAYOUTS.wide));
  });
});

describe('radarShape', () => {
  const f = radarFrame(LABELS);

  it('when every dimension is rated, then the shape is one closed polygon with a marker at each point', () => {
    const s = radarShape(f, [4, 3, 2, 1]);
    expect(s.polygon).toBe('280,24 392.5,174 280,249 242.5,174');
    expect(s.segments).toEqual([]);
    expect(s.markers).toEqual([{ x: 280, y: 24 }, { x: 392.5, y: 174 }, { x: 280, y: 249 }, { x: 242.5, y: 174 }]);
  });

  it('when a dimension is unrated, then it is a gap (never a point at the centre) and the line runs round through the rated neighbours', () => {
    const s = radarShape(f, [4, null, 2, 1]);
    expect(s.polygon).toBeNull();
    expect(s.segments).toEqual(['280,249 242.5,174 280,24']);
    expect(s.markers).toEqual([{ x: 280, y: 24 }, { x: 280, y: 249 }, { x: 242.5, y: 174 }]);
    expect(JSON.stringify(s)).not.toContain('280,174');
  });

  it('when rated dimensions have no rated neighbour, then they are markers alone', () => {
    expect(radarShape(f, [null, 3, null, 1])).toEqual({ polygon: null, segments: [], markers: [{ x: 392.5, y: 174 }, { x: 242.5, y: 174 }] });
  });

  it('when two gaps split the rated dimensions, then each run is its own line', () => {
    const six = radarFrame(['a', 'b', 'c', 'd', 'e', 'f']);
    const s = radarShape(six, [4, 4, null, 4, 4, null]);
    expect(s.segments).toHaveLength(2);
    expect(s.segments.every((seg) => seg.split(' ').length === 2)).toBe(true);
  });

  it('when the gap is the last dimension, then the run wraps from the first dimension on', () => {
    const s = radarShape(f, [4, 3, 2, null]);
    expect(s.segments).toEqual(['280,24 392.5,174 280,249']);
  });

  it('when the gap is the first dimension, then the line starts after it and closes nothing across it', () => {
    const s = radarShape(f, [null, 3, 2, 1]);
    expect(s.segments).toEqual(['392.5,174 280,249 242.5,174']);
  });

  it('when there are fewer than three dimensions, then even fully rated it is an open line, not a polygon', () => {
    const two = radarFrame(['a', 'b']);
    expect(radarShape(two, [2, 3])).toEqual({ polygon: null, segments: ['280,99 377.4,230.2'], markers: [{ x: 280, y: 99 }, { x: 377.4, y: 230.2 }] });
    expect(radarShape(two, [2, null]).segments).toEqual([]);
  });

  it('when exactly three dimensions are all rated, then they close a polygon', () => {
    const three = radarFrame(['a', 'b', 'c']);
    const s = radarShape(three, [4, 4, 4]);
    expect(s.polygon).toBe(three.axes.map((a) => `${a.x},${a.y}`).join(' '));
    expect(s.segments).toEqual([]);
  });

  it('when nothing is rated, then nothing is drawn', () => {
    expect(radarShape(f, [null, null, null, null])).toEqual({ polygon: null, segments: [], markers: [] });
  });
});

describe('markerPath', () => {
  it('draws each shape around its centre', () => {
    expect(markerPath('square', 10, 20, 5)).toBe('M5 15h10v10h-10Z');
    expect(markerPath('triangle', 10, 20, 5)).toBe('M10 15L15 25L5 25Z');
    expect(markerPath('triangle-down', 10, 20, 5)).toBe('M10 25L15 15L5 15Z');
    expect(markerPath('diamond', 10, 20, 5)).toBe('M10 15L15 20L10 25L5 20Z');
    expect(markerPath('cross', 10, 20, 5)).toBe('M5 15L15 25M15 15L5 25');
    expect(markerPath('circle', 10, 20, 5)).toBe('M5 20a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z');
    expect(markerPath('circle', 10, 20)).toBe('M5 20a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z');
  });
});

describe('SERIES_STYLES', () => {
  it('gives each of the six charted candidates its own colour, dash pattern and marker', () => {
    expect(SERIES_STYLES).toHaveLength(CHART_LIMIT);
    expect(CHART_LIMIT).toBe(6);
    for (const part of ['colour', 'dash', 'marker'] as const) expect(new Set(SERIES_STYLES.map((s) => s[part])).size).toBe(6);
    // The Okabe–Ito palette (yellow and sky blue left out: too pale on white).
    expect(SERIES_STYLES).toEqual([
      { colour: '#0072B2', dash: null, marker: 'circle' },
      { colour: '#D55E00', dash: '10 5', marker: 'square' },
      { colour: '#009E73', dash: '2 4', marker: 'triangle' },
      { colour: '#CC79A7', dash: '12 4 2 4', marker: 'diamond' },
      { colour: '#000000', dash: '6 3 2 3 2 3', marker: 'cross' },
      { colour: '#E69F00', dash: '18 6', marker: 'triangle-down' },
    ]);
  });
});

describe('chooseCharted', () => {
  const c = (applicationId: number, values: (number | null)[], hidden = false) => ({ applicationId, hidden, values });
  const many = Array.from({ length: 8 }, (_, i) => c(i + 1, [3, null]));

  it('when six or fewer can be drawn, then all are charted and nothing is omitted', () => {
    const r = chooseCharted(many.slice(0, 6), []);
    expect(r.charted.map((x) => x.applicationId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r).toMatchObject({ omitted: 0, tooMany: false, chosen: false });
  });

  it('when seven or more can be drawn, then the first six in the grid order are, and the rest are counted as omitted', () => {
    const r = chooseCharted(many.slice(0, 7), []);
    expect(r.charted.map((x) => x.applicationId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.chartable).toHaveLength(7);
    expect(r.omitted).toBe(1);
  });

  it('when the viewer chose candidates, then those are charted in the grid order', () => {
    const r = chooseCharted(many, [8, 2]);
    expect(r.charted.map((x) => x.applicationId)).toEqual([2, 8]);
    expect(r).toMatchObject({ omitted: 6, tooMany: false, chosen: true });
  });

  it('when the viewer chose exactly six, then it is not too many; seven is, and the first six chosen are drawn', () => {
    expect(chooseCharted(many, [1, 2, 3, 4, 5, 6]).tooMany).toBe(false);
    const r = chooseCharted(many, [8, 7, 6, 5, 4, 3, 2]);
    expect(r.tooMany).toBe(true);
    expect(r.charted.map((x) => x.applicationId)).toEqual([2, 3, 4, 5, 6, 7]);
  });

  it('when none of the chosen can be drawn, then the chart falls back to the first six', () => {
    const r = chooseCharted(many, [99]);
    expect(r.charted.map((x) => x.applicationId)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(r.chosen).toBe(false);
  });

  it('when a candidate has no rating on any axis, then they are unrated: not charted, not chartable, not in the legend', () => {
    const r = chooseCharted([c(1, [null, null]), c(2, [null, 2]), c(3, [])], [1]);
    expect(r.charted.map((x) => x.applicationId)).toEqual([2]);
    expect(r.chartable.map((x) => x.applicationId)).toEqual([2]);
    expect(r.unrated.map((x) => x.applicationId)).toEqual([1, 3]);
  });

  it('when the viewer may not see a candidate’s ratings yet, then the candidate is neither charted, chartable nor named as unrated', () => {
    const r = chooseCharted([c(1, [4, 4], true), c(2, [null, null], true), c(3, [2, 2])], [1]);
    expect(r.charted.map((x) => x.applicationId)).toEqual([3]);
    expect(r.chartable.map((x) => x.applicationId)).toEqual([3]);
    expect(r.unrated).toEqual([]);
  });

  it('when given another limit, then it holds', () => {
    expect(chooseCharted(many, [], 2).charted).toHaveLength(2);
    expect(chooseCharted(many, [1, 2, 3], 2).tooMany).toBe(true);
  });
});
