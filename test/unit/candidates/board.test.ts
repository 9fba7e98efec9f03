import { daysInStage, formatScore, suggestedStageId } from '../../../src/candidates/board';

describe('the board cards', () => {
  const now = new Date('2026-03-10T12:00:00.000Z');

  it.each([
    ['the same moment', '2026-03-10T12:00:00.000Z', 0],
    ['a millisecond short of a day', '2026-03-09T12:00:00.001Z', 0],
    ['exactly a day', '2026-03-09T12:00:00.000Z', 1],
    ['a day and a bit', '2026-03-09T11:59:59.999Z', 1],
    ['ten days', '2026-02-28T12:00:00.000Z', 10],
    ['a time after now (clocks apart)', '2026-03-11T12:00:00.000Z', 0],
    ['no readable time', 'not a date', 0],
  ])('when the card arrived at its stage at %s, then it has been there the whole days counted', (_label, since, days) => {
    expect(daysInStage(since, now)).toBe(days);
  });

  it.each([
    [3, '3.0'],
    [3.25, '3.3'],
    [3.24, '3.2'],
    [2.95, '3.0'],
    [1, '1.0'],
    [4, '4.0'],
  ])('when the mean rating is %d, then the card shows %s', (score, shown) => {
    expect(formatScore(score)).toBe(shown);
  });

  it('when a card is at a stage, then its move control offers the next stage; at the last stage, that stage; not in a stage, the first', () => {
    const plan = [11, 12, 13];
    expect(suggestedStageId(plan, 11)).toBe(12);
    expect(suggestedStageId(plan, 12)).toBe(13);
    expect(suggestedStageId(plan, 13)).toBe(13);
    expect(suggestedStageId(plan, null)).toBe(11);
    expect(suggestedStageId(plan, 99)).toBe(11);
    expect(suggestedStageId([], null)).toBeUndefined();
  });
});
