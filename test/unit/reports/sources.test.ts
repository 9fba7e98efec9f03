import { buildSources } from '../../../src/reports/sources';

describe('sources report', () => {
  it('when referrals reach further and are hired more, then their shares, hire rate, score and review say so', () => {
    const report = buildSources({
      candidates: [{ source: 'referral', candidates: 4 }, { source: 'inbound', candidates: 6 }],
      positions: [
        { source: 'referral', position: 0, status: 'rejected', count: 1 },
        { source: 'referral', position: 2, status: 'rejected', count: 1 },
        { source: 'referral', position: 3, status: 'hired', count: 2 },
        { source: 'inbound', position: 0, status: 'active', count: 4 },
        { source: 'inbound', position: 1, status: 'rejected', count: 1 },
        { source: 'inbound', position: 3, status: 'hired', count: 1 },
      ],
      scores: [{ source: 'referral', mean: 71.5, count: 4 }],
      reviews: [{ source: 'referral', mean: 3.5, count: 2 }, { source: 'inbound', mean: 2, count: 1 }],
      stageNames: [{ position: 1, name: 'Phone screen', count: 3 }, { position: 2, name: 'Panel', count: 2 }, { position: 2, name: 'Role play', count: 1 }, { position: 3, name: 'Final', count: 3 }],
    });
    expect(report.stages).toEqual([{ position: 1, name: 'Phone screen' }, { position: 2, name: null }, { position: 3, name: 'Final' }]);
    const referral = report.rows.find((r) => r.source === 'referral')!;
    expect(referral).toMatchObject({ candidates: 4, applications: 4, reached: [0.75, 0.75, 0.5], hires: 2, hireRate: 0.5, meanScore: 71.5, meanReview: 3.5, reviewed: 2 });
    const inbound = report.rows.find((r) => r.source === 'inbound')!;
    expect(inbound.reached).toEqual([2 / 6, 1 / 6, 1 / 6]);
    expect(inbound.meanScore).toBeNull();
    expect(report.rows.map((r) => r.source)).toEqual(['referral', 'inbound', 'outbound', 'agency', 'other']);
    expect(report.rows.find((r) => r.source === 'agency')).toMatchObject({ applications: 0, hireRate: null });
    expect(report.applications).toBe(10);
  });
});
