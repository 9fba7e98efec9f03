import { barChart, scatterPlot } from '../../../src/reports/charts';

describe('report charts', () => {
  it('when two hires sit on the same spot, then the second point is moved sideways so both show', () => {
    const chart = scatterPlot([{ x: 2, y: 3, label: 'a' }, { x: 2, y: 3, label: 'b' }, { x: 4, y: 4, label: 'c' }], [1, 4], [1, 2, 3, 4]);
    expect(chart.points[0]!.cx).not.toBe(chart.points[1]!.cx);
    expect(chart.points[0]!.cy).toBe(chart.points[1]!.cy);
    // Highest rating at the top of the plot, highest score at the right.
    expect(chart.points[2]!.cy).toBe(chart.plot.top);
    expect(chart.points[2]!.cx).toBe(chart.plot.right);
  });

  it('when many hires sit on one spot, then they become one larger point that counts them, inside the frame', () => {
    const crowd = Array.from({ length: 40 }, (_, i) => ({ x: 1, y: 1, label: `h${i}` }));
    const chart = scatterPlot([...crowd, { x: 1, y: 1.0001, label: 'close' }, { x: 2, y: 3, label: 'a' }, { x: 2, y: 3, label: 'b' }, { x: 2, y: 3, label: 'c' }], [1, 4], [1, 2, 3, 4]);
    const big = chart.points.find((p) => p.count > 1)!;
    expect(big).toMatchObject({ cx: chart.plot.left, cy: chart.plot.bottom, count: 41, label: 'h0, h1, h2' });
    expect(big.r).toBeGreaterThan(4);
    expect(big.r).toBeLessThanOrEqual(10);
    // Three on one spot still show one by one, side by side.
    expect(chart.points.filter((p) => p.count === 1).map((p) => p.label)).toEqual(['a', 'b', 'c']);
    expect(chart.points).toHaveLength(4);
    for (const p of chart.points) expect(p.cx).toBeGreaterThanOrEqual(chart.plot.left - 10);
  });

  it('when values are negative and positive, then bars diverge from the zero line', () => {
    const chart = barChart([{ label: 'harsh', value: -0.5, display: '−0.5' }, { label: 'lenient', value: 0.5, display: '+0.5' }], [-1, 1]);
    const [harsh, lenient] = chart.bars;
    expect(harsh!.x + harsh!.width).toBeCloseTo(chart.zeroX, 1);
    expect(lenient!.x).toBeCloseTo(chart.zeroX, 1);
    expect(harsh!.width).toBeCloseTo(lenient!.width, 1);
  });

  it('when bars are drawn, then they are placed in percent of the width (leaving room for the value) and rows stack in pixels', () => {
    const chart = barChart([{ label: 'a', value: 10, display: '10' }, { label: 'b', value: 5, display: '5' }, { label: 'c', value: 0, display: '0' }, { label: 'd', value: 20, display: '20' }], [0, 10]);
    expect(chart.zeroX).toBe(0);
    expect(chart.bars.map((b) => [b.x, b.width, b.y])).toEqual([[0, 70, 4], [0, 35, 48], [0, 0, 92], [0, 70, 136]]);
    expect(chart.height).toBe(4 * 44 + 8);
    const tiny = barChart([{ label: 'a', value: 0.001, display: '' }], [0, 10], { rowHeight: 30 });
    expect(tiny.bars[0]!.width).toBe(0.3);
    expect(tiny.height).toBe(38);
    expect(barChart([{ label: 'a', value: -1, display: '' }], [-2, 2]).zeroX).toBe(35);
  });
});

