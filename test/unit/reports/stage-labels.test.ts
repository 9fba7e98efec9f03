import { groupByPlan, namesByPosition } from '../../../src/reports/stage-labels';

const S = (openingId: number, position: number, name: string) => ({ openingId, position, name });
const STAGES = [
  S(1, 0, 'Screen'), S(1, 1, 'Role-play'), S(1, 2, 'References'),
  S(2, 0, 'Screen'), S(2, 1, 'Role-play'), S(2, 2, 'References'),
  S(3, 0, 'Screen'), S(3, 1, 'Deep-dive'), S(3, 2, 'References'),
  S(4, 0, 'Screen'), S(4, 1, 'Case'),
];

describe('namesByPosition', () => {
  it('when the openings agree, then each position has its one name', () => {
    expect(namesByPosition([1, 2], STAGES, 3)).toEqual([['Screen'], ['Role-play'], ['References']]);
  });

  it('when they differ, then every name shows, the most used first, ties alphabetically', () => {
    expect(namesByPosition([1, 2, 3], STAGES, 3)[1]).toEqual(['Role-play', 'Deep-dive']);
    expect(namesByPosition([3, 4], STAGES, 2)[1]).toEqual(['Case', 'Deep-dive']);
    expect(namesByPosition([4, 3], STAGES, 2)[1]).toEqual(['Case', 'Deep-dive']);
  });

  it('when a position is beyond every plan, then it has no name (the page says "Stage n")', () => {
    expect(namesByPosition([4], STAGES, 4)).toEqual([['Screen'], ['Case'], [], []]);
  });

  it('when an opening is not asked for, then its names are left out', () => {
    expect(namesByPosition([3], STAGES, 2)).toEqual([['Screen'], ['Deep-dive']]);
    expect(namesByPosition([], STAGES, 1)).toEqual([[]]);
  });
});

describe('groupByPlan', () => {
  const rows = [{ id: 1, n: 3 }, { id: 3, n: 3 }, { id: 2, n: 3 }, { id: 4, n: 2 }];

  it('when rows name their stages alike, then they share a group; groups keep the order of their first row', () => {
    const groups = groupByPlan(rows, (r) => [r.id], (r) => r.n, STAGES);
    expect(groups.map((g) => g.rows.map((r) => r.id))).toEqual([[1, 2], [3], [4]]);
    expect(groups[0]!.names).toEqual([['Screen'], ['Role-play'], ['References']]);
    expect(groups[2]!.names).toEqual([['Screen'], ['Case']]);
  });

  it('when the same names run for a different number of positions, then the rows are apart', () => {
    const groups = groupByPlan([{ id: 1, n: 3 }, { id: 2, n: 4 }], (r) => [r.id], (r) => r.n, STAGES);
    expect(groups).toHaveLength(2);
    expect(groups[1]!.names[3]).toEqual([]);
  });

  it('when a row stands for several openings (a role), then its names are theirs together', () => {
    const groups = groupByPlan([{ ids: [1, 3], n: 3 }], (r) => r.ids, (r) => r.n, STAGES);
    expect(groups[0]!.names[1]).toEqual(['Deep-dive', 'Role-play']);
  });

  it('when there are no rows, then there are no groups', () => {
    expect(groupByPlan([], () => [], () => 0, STAGES)).toEqual([]);
  });
});
