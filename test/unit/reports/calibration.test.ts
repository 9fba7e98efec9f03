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

describe('interviewer calibration at its edges', () => {
  const person = (interviewerId: number, name: string, scorecards = 3, focusExpected = 4) => ({ interviewerId, name, scorecards, focusExpected });
  const base = { interviewers: [], ratings: [], delays: [], panel: [], focusRated: [], outcomes: [] };

  it.each([
    [5, 2.2, 3, 'harsh'],
    [5, 3.29, 3, 'in_line'],
    [5, 2.71, 3, 'in_line'],
    [5, 3.31, 3, 'lenient'],
    [4, 4, 2, 'too_few'],
    [5, 3, 3, 'in_line'],
  ])('when %i ratings are shared and the interviewer averages %p against the panel’s %p, then the lean is %p', (pairs, own, others, lean) => {
    const [row] = buildCalibration({ ...base, interviewers: [person(1, 'Ivan')], panel: [{ interviewerId: 1, pairs, own, others }] });
    expect(row).toMatchObject({ sharedRatings: pairs, ownShared: own, panelShared: others, lean });
  });

  it('when an interviewer never sat with the rest of a panel, then nothing is shared and no lean is claimed', () => {
    const [row] = buildCalibration({ ...base, interviewers: [person(1, 'Ivan')], panel: [{ interviewerId: 2, pairs: 9, own: 4, others: 1 }] });
    expect(row).toMatchObject({ sharedRatings: 0, ownShared: null, panelShared: null, difference: null, lean: 'too_few' });
  });

  it('when an interviewer rated nothing, then there is no mean and no not-assessed share', () => {
    const [row] = buildCalibration({ ...base, interviewers: [person(1, 'Ivan')] });
    expect(row).toMatchObject({ mean: null, distribution: [0, 0, 0, 0], notAssessedShare: null, medianHours: null });
  });

  it('when recommendations meet decisions, then a yes or strong yes agrees with a hire and a no or strong no with no hire', () => {
    const outcomes = [
      { interviewerId: 1, recommendation: 'yes', decision: 'hire', count: 1 },
      { interviewerId: 1, recommendation: 'strong_yes', decision: 'hire', count: 2 },
      { interviewerId: 1, recommendation: 'strong_no', decision: 'no_hire', count: 4 },
      { interviewerId: 1, recommendation: 'no', decision: 'hire', count: 8 },
      { interviewerId: 1, recommendation: 'strong_yes', decision: 'no_hire', count: 16 },
      { interviewerId: 2, recommendation: 'yes', decision: 'hire', count: 32 },
    ];
    const [row] = buildCalibration({ ...base, interviewers: [person(1, 'Ivan')], outcomes });
    expect(row).toMatchObject({ decided: 31, agreed: 7, agreement: 7 / 31 });
  });

  it('when nothing was expected of an interviewer on focus dimensions, then no focus share is shown; more than expected counts as all', () => {
    const rows = buildCalibration({ ...base, interviewers: [person(1, 'Ivan', 3, 0), person(2, 'Hana', 2, 4)], focusRated: [{ interviewerId: 1, count: 3 }, { interviewerId: 2, count: 6 }] });
    expect(rows.map((r) => [r.name, r.focusShare])).toEqual([
      ['Ivan', null],
      ['Hana', 1],
    ]);
  });

  it('when interviewers have as many scorecards, then they are in name order', () => {
    const rows = buildCalibration({ ...base, interviewers: [person(1, 'Zoe', 2), person(2, 'Ann', 2), person(3, 'Max', 5)] });
    expect(rows.map((r) => r.name)).toEqual(['Max', 'Ann', 'Zoe']);
  });
});
