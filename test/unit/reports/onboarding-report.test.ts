import { buildOnboardingReport, planState } from '../../../src/reports/onboarding-report';

describe('onboarding report', () => {
  it('when plans are complete, have overdue tasks or neither, then they count as complete, late and on track', () => {
    expect(planState({ completedAt: '2026-03-01T10:00:00.000Z', overdue: 3 })).toBe('complete');
    expect(planState({ completedAt: null, overdue: 1 })).toBe('late');
    expect(planState({ completedAt: null, overdue: 0 })).toBe('on_track');
  });

  it('when AE plans finish after 80 and 100 days, then the AE median is 90 and a track counts only where all its tasks are done', () => {
    const report = buildOnboardingReport({
      plans: [
        { planId: 1, roleName: 'AE', startDate: '2026-01-01', completedAt: '2026-03-22T12:00:00.000Z', overdue: 0 },
        { planId: 2, roleName: 'AE', startDate: '2026-01-01', completedAt: '2026-04-11T12:00:00.000Z', overdue: 0 },
        { planId: 3, roleName: 'SDR', startDate: '2026-02-01', completedAt: null, overdue: 2 },
      ],
      tracks: [
        { planId: 1, track: 'product', tasks: 3, done: 3, lastDoneAt: '2026-01-21T10:00:00.000Z' },
        { planId: 2, track: 'product', tasks: 3, done: 3, lastDoneAt: '2026-01-31T10:00:00.000Z' },
        { planId: 3, track: 'product', tasks: 3, done: 1, lastDoneAt: '2026-02-03T10:00:00.000Z' },
      ],
      tasks: [{ title: 'Shadow 5 SDR calls', late: 2, total: 3 }, { title: 'Read the handbook', late: 0, total: 3 }],
    });
    expect(report.states).toEqual({ on_track: 0, late: 1, complete: 2 });
    expect(report.byRole).toEqual([{ roleName: 'AE', plans: 2, completed: 2, medianDays: 90 }, { roleName: 'SDR', plans: 1, completed: 0, medianDays: null }]);
    // Product finished on day 20 and day 30 → 25; the SDR plan has not finished it.
    expect(report.byTrack).toEqual([{ track: 'product', plans: 3, completed: 2, medianDays: 25 }]);
    expect(report.overdueTasks).toEqual([{ title: 'Shadow 5 SDR calls', late: 2, total: 3 }]);
  });
});
