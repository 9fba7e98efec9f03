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

describe('sources report, source by source', () => {
  const empty = { candidates: [], positions: [], scores: [], reviews: [], stageNames: [] };

  it('when only hired applications count as hires, then rejected and active ones at the last stage do not', () => {
    const report = buildSources({
      ...empty,
      positions: [
        { source: 'agency', position: 3, status: 'hired', count: 1 },
        { source: 'agency', position: 3, status: 'rejected', count: 2 },
        { source: 'agency', position: 3, status: 'active', count: 1 },
      ],
    });
    expect(report.rows.find((r) => r.source === 'agency')).toMatchObject({ applications: 4, hires: 1, hireRate: 0.25 });
  });

  it('when each source has its own figures, then no source borrows another’s', () => {
    const report = buildSources({
      ...empty,
      candidates: [{ source: 'outbound', candidates: 7 }, { source: 'other', candidates: 2 }],
      scores: [{ source: 'outbound', mean: 60, count: 3 }, { source: 'other', mean: 80, count: 1 }],
      reviews: [{ source: 'outbound', mean: 2.5, count: 2 }, { source: 'other', mean: 4, count: 1 }],
    });
    const bySource = Object.fromEntries(report.rows.map((r) => [r.source, [r.candidates, r.meanScore, r.scored, r.meanReview, r.reviewed]]));
    expect(bySource).toEqual({ referral: [0, null, 0, null, 0], inbound: [0, null, 0, null, 0], outbound: [7, 60, 3, 2.5, 2], agency: [0, null, 0, null, 0], other: [2, 80, 1, 4, 1] });
  });

  it('when a source has a score or review row with nobody in it, then it shows no mean', () => {
    const report = buildSources({ ...empty, scores: [{ source: 'referral', mean: 0, count: 0 }], reviews: [{ source: 'referral', mean: 0, count: 0 }] });
    expect(report.rows[0]).toMatchObject({ meanScore: null, scored: 0, meanReview: null, reviewed: 0 });
  });
});

describe('sources report, reached reference check', () => {
  const base = { candidates: [], scores: [], reviews: [], stageNames: [] };

  it('when plans put their reference check at different places, then each application counts against its own opening’s, at the stage and beyond, and openings without one are left out', () => {
    const report = buildSources({
      ...base,
      // Opening 1 (five stages): reference check at 4; opening 2 (six): at 5; opening 3: none.
      referenceChecks: [{ openingId: 1, position: 4 }, { openingId: 2, position: 5 }],
      positions: [
        { source: 'referral', openingId: 1, position: 4, status: 'hired', count: 2 },
        { source: 'referral', openingId: 1, position: 3, status: 'rejected', count: 1 },
        { source: 'referral', openingId: 2, position: 4, status: 'rejected', count: 1 },
        { source: 'referral', openingId: 2, position: 5, status: 'active', count: 1 },
        { source: 'referral', openingId: 2, position: 6, status: 'hired', count: 1 },
        { source: 'referral', openingId: 3, position: 6, status: 'hired', count: 5 },
        { source: 'inbound', openingId: 3, position: 2, status: 'active', count: 1 },
      ],
    });
    const referral = report.rows.find((r) => r.source === 'referral')!;
    expect(referral).toMatchObject({ applications: 11, referenceCheckApplications: 6, reachedReferenceCheck: 4, referenceCheckShare: 4 / 6 });
    expect(report.rows.find((r) => r.source === 'inbound')).toMatchObject({ referenceCheckApplications: 0, reachedReferenceCheck: 0, referenceCheckShare: null });
  });

  it('when no opening has a reference check, or positions come without their opening, then nothing counts', () => {
    const positions = [{ source: 'agency', position: 5, status: 'hired', count: 1 }];
    expect(buildSources({ ...base, positions }).rows.find((r) => r.source === 'agency')).toMatchObject({ referenceCheckApplications: 0, referenceCheckShare: null });
    expect(buildSources({ ...base, positions, referenceChecks: [{ openingId: 1, position: 0 }] }).rows.find((r) => r.source === 'agency')).toMatchObject({ referenceCheckApplications: 0 });
  });
});
