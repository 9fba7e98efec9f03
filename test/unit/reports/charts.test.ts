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

  it('when values are negative and positive, then bars diverge from the zero line', () => {
    const chart = barChart([{ label: 'harsh', value: -0.5, display: '−0.5' }, { label: 'lenient', value: 0.5, display: '+0.5' }], [-1, 1]);
    const [harsh, lenient] = chart.bars;
    expect(harsh!.x + harsh!.width).toBeCloseTo(chart.zeroX, 1);
    expect(lenient!.x).toBeCloseTo(chart.zeroX, 1);
    expect(harsh!.width).toBeCloseTo(lenient!.width, 1);
  });
});
