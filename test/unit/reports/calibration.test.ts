import { buildCalibration } from '../../../src/reports/calibration';

describe('interviewer calibration', () => {
  const input = {
    interviewers: [
      { interviewerId: 1, name: 'Ivan', scorecards: 4, focusExpected: 10 },
      { interviewerId: 2, name: 'Hana', scorecards: 6, focusExpected: 12 },
    ],
    ratings: [
      { interviewerId: 1, rating: 4, count: 6 },
      { interviewerId: 1, rating: 3, count: 2 },
      { interviewerId: 1, rating: null, count: 2 },
      { interviewerId: 2, rating: 1, count: 3 },
      { interviewerId: 2, rating: 2, count: 3 },
    ],
    delays: [
      { interviewerId: 1, hours: 2, count: 3 },
      { interviewerId: 1, hours: 50, count: 1 },
    ],
    panel: [
      { interviewerId: 1, pairs: 8, own: 3.75, others: 3.0 },
      { interviewerId: 2, pairs: 3, own: 1.5, others: 3.0 },
    ],
    focusRated: [{ interviewerId: 1, count: 8 }],
    outcomes: [
      { interviewerId: 1, recommendation: 'strong_yes', decision: 'hire', count: 2 },
      { interviewerId: 1, recommendation: 'yes', decision: 'no_hire', count: 1 },
      { interviewerId: 1, recommendation: 'no', decision: 'no_hire', count: 1 },
    ],
  };

  it('when an interviewer rates 0.75 above the rest of the panel, then they read as lenient, with their median delay, not-assessed share and focus coverage', () => {
    const [hana, ivan] = buildCalibration(input);
    expect(hana!.name).toBe('Hana');
    expect(ivan).toMatchObject({ scorecards: 4, medianHours: 2, notAssessedShare: 0.2, mean: 3.75, distribution: [0, 0, 2, 6], difference: 0.75, lean: 'lenient', focusShare: 0.8, decided: 4, agreed: 3, agreement: 0.75 });
  });

  it('when an interviewer shares fewer than five ratings with a panel, then no lean is claimed even if far off', () => {
    const hana = buildCalibration(input).find((r) => r.name === 'Hana')!;
    expect(hana.difference).toBe(-1.5);
    expect(hana.lean).toBe('too_few');
    expect(hana.medianHours).toBeNull();
    expect(hana.agreement).toBeNull();
    expect(hana.focusShare).toBe(0);
  });
});
