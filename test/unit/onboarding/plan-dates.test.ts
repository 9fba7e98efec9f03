import { isReviewOpen, nextMonday, reviewOpensOn } from '../../../src/onboarding/plan';

describe('when a plan starts and when its review opens', () => {
  it('someone hired today starts on the next Monday: from a Monday, a week later; from a Sunday, the next day', () => {
    // 2026-11-30 is a Monday.
    expect(nextMonday('2026-11-30')).toBe('2026-12-07');
    expect(nextMonday('2026-12-01')).toBe('2026-12-07');
    expect(nextMonday('2026-12-05')).toBe('2026-12-07');
    expect(nextMonday('2026-12-06')).toBe('2026-12-07');
    expect(nextMonday('2026-12-31')).toBe('2027-01-04');
  });

  it('the 90-day review form opens on day 75, not a day earlier', () => {
    expect(reviewOpensOn('2026-01-01')).toBe('2026-03-17');
    expect(isReviewOpen('2026-01-01', '2026-03-16')).toBe(false);
    expect(isReviewOpen('2026-01-01', '2026-03-17')).toBe(true);
    expect(isReviewOpen('2026-01-01', '2026-06-01')).toBe(true);
  });
});
