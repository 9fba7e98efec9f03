import { buildPipeline } from '../../../src/reports/pipeline';

describe('pipeline report', () => {
  const input = {
    openings: [
      { openingId: 1, title: 'AE Berlin', roleId: 10, roleName: 'AE', stages: 3 },
      { openingId: 2, title: 'AE Paris', roleId: 10, roleName: 'AE', stages: 3 },
      { openingId: 3, title: 'SDR', roleId: 20, roleName: 'SDR', stages: 2 },
    ],
    positions: [
      // AE Berlin: 10 applied, 6 reached stage 2, 3 reached stage 3 (2 hired).
      { openingId: 1, position: 0, status: 'rejected', count: 4 },
      { openingId: 1, position: 1, status: 'rejected', count: 3 },
      { openingId: 1, position: 2, status: 'hired', count: 2 },
      { openingId: 1, position: 2, status: 'rejected', count: 1 },
      // AE Paris: 2 applied, both still at stage 1.
      { openingId: 2, position: 0, status: 'active', count: 2 },
    ],
    stageDays: [
      { openingId: 1, position: 0, days: 2, count: 3 },
      { openingId: 1, position: 0, days: 9, count: 2 },
      { openingId: 2, position: 0, days: 4, count: 1 },
    ],
    decisionDays: [{ openingId: 1, days: 20, count: 1 }, { openingId: 1, days: 30, count: 2 }],
    decisions: [{ openingId: 1, decision: 'hire', count: 2 }, { openingId: 1, decision: 'no_hire', count: 1 }],
  };

  it('when 10 apply, 6 pass the first stage and 3 the second, then pass-through is 60 % then 50 %, with median days and hires', () => {
    const { openings } = buildPipeline(input);
    const berlin = openings.find((o) => o.name === 'AE Berlin')!;
    expect(berlin.reached).toEqual([10, 6, 3]);
    expect(berlin.passThrough).toEqual([0.6, 0.5]);
    // Days in stage 1: 2, 2, 2, 9, 9 → median 2; to decision 20, 30, 30 → 30.
    expect(berlin.medianDaysInStage).toEqual([2, null, null]);
    expect(berlin.medianDaysToDecision).toBe(30);
    expect(berlin).toMatchObject({ applications: 10, decisions: 3, hires: 2 });
    // An opening nobody applied to is left out.
    expect(openings.map((o) => o.name)).toEqual(['AE Berlin', 'AE Paris']);
  });

  it('when two openings share a role, then the role row adds them up and takes the median over both', () => {
    const { roles, total } = buildPipeline(input);
    expect(roles).toHaveLength(1);
    const ae = roles[0]!;
    expect(ae.reached).toEqual([12, 6, 3]);
    // Paris's two are still in the first stage: of the 10 whose stay there is over, 6 moved on.
    expect(ae.stillIn).toEqual([2, 0, 0]);
    expect(ae.didNotPass).toEqual([4, 3, 3]);
    expect(ae.passThrough).toEqual([0.6, 0.5]);
    // 2, 2, 2, 4, 9, 9 → (2 + 4) / 2
    expect(ae.medianDaysInStage[0]).toBe(3);
    expect(total!.applications).toBe(12);
  });
});

describe('pipeline report, rows and totals', () => {
  const none = { positions: [], stageDays: [], decisionDays: [], decisions: [] };

  it('when nobody applied anywhere, then there are no rows and no total', () => {
    expect(buildPipeline({ ...none, openings: [{ openingId: 1, title: 'AE', roleId: 1, roleName: 'AE', stages: 3 }] })).toEqual({ openings: [], roles: [], total: null });
  });

  it('when applications stop at the first stage, then every stage of the longest opening still shows, at zero', () => {
    const { openings, roles, total } = buildPipeline({
      ...none,
      openings: [
        { openingId: 1, title: 'AE Berlin', roleId: 10, roleName: 'AE', stages: 2 },
        { openingId: 2, title: 'AE Paris', roleId: 10, roleName: 'AE', stages: 4 },
        { openingId: 3, title: 'SDR', roleId: 20, roleName: 'SDR', stages: 1 },
      ],
      positions: [
        { openingId: 1, position: 0, status: 'active', count: 3 },
        { openingId: 3, position: 0, status: 'active', count: 1 },
      ],
    });
    expect(openings.map((o) => [o.key, o.name, o.roleName, o.reached])).toEqual([
      [1, 'AE Berlin', 'AE', [3, 0]],
      [3, 'SDR', 'SDR', [1]],
    ]);
    expect(roles.map((r) => [r.key, r.name, r.reached])).toEqual([
      [10, 'AE', [3, 0, 0, 0]],
      [20, 'SDR', [1]],
    ]);
    expect(total).toMatchObject({ key: 0, name: '', roleName: '', applications: 4, reached: [4, 0, 0, 0], stillIn: [4, 0, 0, 0], didNotPass: [0, 0, 0, 0], passThrough: [null, null, null], medianDaysInStage: [null, null, null, null], medianDaysToDecision: null, decisions: 0, hires: 0 });
  });

  it('when figures arrive for an opening outside the list, then they count in the total only', () => {
    const { openings, roles, total } = buildPipeline({
      openings: [{ openingId: 1, title: 'AE', roleId: 10, roleName: 'AE', stages: 1 }],
      positions: [
        { openingId: 1, position: 0, status: 'active', count: 1 },
        { openingId: 9, position: 0, status: 'active', count: 2 },
      ],
      stageDays: [{ openingId: 9, position: 0, days: 3, count: 2 }],
      decisionDays: [{ openingId: 9, days: 5, count: 1 }],
      decisions: [{ openingId: 9, decision: 'hire', count: 1 }],
    });
    expect(openings.map((o) => [o.name, o.applications, o.decisions])).toEqual([['AE', 1, 0]]);
    expect(roles.map((r) => [r.name, r.applications, r.decisions])).toEqual([['AE', 1, 0]]);
    expect(total).toMatchObject({ applications: 3, decisions: 1, hires: 1, medianDaysInStage: [3], medianDaysToDecision: 5 });
  });

  it('when an application is further than its opening now has stages, then the stage it reached still counts', () => {
    const { openings } = buildPipeline({ ...none, openings: [{ openingId: 1, title: 'AE', roleId: 10, roleName: 'AE', stages: 2 }], positions: [{ openingId: 1, position: 3, status: 'rejected', count: 1 }] });
    expect(openings[0]!.reached).toEqual([1, 1, 1, 1]);
  });

  it('when openings have as many applications, then they are in name order; more applications come first', () => {
    const openings = [
      { openingId: 1, title: 'Zeta', roleId: 1, roleName: 'AE', stages: 1 },
      { openingId: 2, title: 'Alpha', roleId: 2, roleName: 'SDR', stages: 1 },
      { openingId: 3, title: 'Mid', roleId: 3, roleName: 'CSM', stages: 1 },
    ];
    const positions = [
      { openingId: 1, position: 0, status: 'active', count: 2 },
      { openingId: 2, position: 0, status: 'active', count: 2 },
      { openingId: 3, position: 0, status: 'active', count: 5 },
    ];
    expect(buildPipeline({ ...none, openings, positions }).openings.map((o) => o.name)).toEqual(['Mid', 'Alpha', 'Zeta']);
  });

  it('when days in a stage and decisions are known per opening, then each opening and role counts only its own', () => {
    const { openings, roles, total } = buildPipeline({
      openings: [
        { openingId: 1, title: 'AE', roleId: 10, roleName: 'AE', stages: 2 },
        { openingId: 2, title: 'SDR', roleId: 20, roleName: 'SDR', stages: 2 },
      ],
      positions: [
        { openingId: 1, position: 1, status: 'hired', count: 1 },
        { openingId: 2, position: 1, status: 'rejected', count: 1 },
      ],
      stageDays: [
        { openingId: 1, position: 1, days: 5, count: 1 },
        { openingId: 2, position: 1, days: 7, count: 1 },
        { openingId: 2, position: 0, days: 1, count: 1 },
      ],
      decisionDays: [{ openingId: 2, days: 12, count: 1 }],
      decisions: [{ openingId: 1, decision: 'hire', count: 1 }, { openingId: 2, decision: 'no_hire', count: 1 }],
    });
    expect(openings.map((o) => [o.name, o.medianDaysInStage, o.medianDaysToDecision, o.decisions, o.hires])).toEqual([
      ['AE', [null, 5], null, 1, 1],
      ['SDR', [1, 7], 12, 1, 0],
    ]);
    expect(roles.map((r) => [r.name, r.medianDaysInStage, r.medianDaysToDecision, r.decisions, r.hires])).toEqual([
      ['AE', [null, 5], null, 1, 1],
      ['SDR', [1, 7], 12, 1, 0],
    ]);
    expect(total).toMatchObject({ medianDaysInStage: [1, 6], medianDaysToDecision: 12, decisions: 2, hires: 1 });
  });
});

describe('pipeline report, work in progress', () => {
  const opening = { openingId: 1, title: 'AE', roleId: 1, roleName: 'AE', stages: 3 };
  const build = (positions: { position: number; status: string; count: number }[]) => buildPipeline({ openings: [opening], positions: positions.map((p) => ({ openingId: 1, ...p })), stageDays: [], decisionDays: [], decisions: [] }).openings[0]!;

  it('when an application is still active in a stage, then it is counted apart as still there, not as failing to pass', () => {
    const row = build([
      { position: 0, status: 'rejected', count: 1 },
      { position: 1, status: 'active', count: 3 },
      { position: 1, status: 'withdrawn', count: 1 },
      { position: 2, status: 'active', count: 1 },
      { position: 2, status: 'hired', count: 1 },
    ]);
    expect(row.reached).toEqual([7, 6, 2]);
    expect(row.stillIn).toEqual([0, 3, 1]);
    expect(row.didNotPass).toEqual([1, 1, 1]);
    // Stage 1: 2 passed, 1 did not, 3 still there → 2 / 3 (not 2 / 6).
    expect(row.passThrough).toEqual([6 / 7, 2 / 3]);
  });

  it('when everyone at a stage is still there, then its pass-through is unknown; one finished stay decides it', () => {
    expect(build([{ position: 0, status: 'active', count: 2 }]).passThrough).toEqual([null, null]);
    expect(build([{ position: 0, status: 'active', count: 2 }, { position: 1, status: 'active', count: 1 }]).passThrough).toEqual([1, null]);
    expect(build([{ position: 0, status: 'active', count: 2 }, { position: 0, status: 'rejected', count: 1 }]).passThrough).toEqual([0, null]);
  });
});
