import { en } from '../../../src/i18n/en';
import { type MessageKey, translator } from '../../../src/i18n/i18n';

describe('translator', () => {
  const t = translator('en');

  it('fills every placeholder of a message, each as often as it appears, in each language', () => {
    expect(t('compare.spreadCount', { spread: 2, n: 5 })).toBe(en['compare.spreadCount'].replace('{spread}', '2').replace('{n}', '5'));
    const ru = translator('ru')('compare.spreadCount', { spread: 1, n: 3 });
    expect(ru).toContain('1');
    expect(ru).toContain('3');
    expect(ru).not.toMatch(/\{\w+\}/);
  });

  it('leaves a placeholder with no value as it is, and a message without placeholders untouched', () => {
    expect(t('compare.spreadCount', { spread: 2 })).toContain('{n}');
    expect(t('compare.spreadCount')).toBe(en['compare.spreadCount']);
    expect(t('compare.csv', { unused: 'x' })).toBe(en['compare.csv']);
  });

  it('answers the same on the second call as on the first (messages are prepared once)', () => {
    const first = t('compare.spreadCount', { spread: 0, n: 1 });
    expect(t('compare.spreadCount', { spread: 0, n: 1 })).toBe(first);
    expect(t('compare.spreadCount', { spread: 3, n: 4 })).not.toBe(first);
  });

  it('answers a key that names no message with the key itself', () => {
    expect(t('no.such.key' as MessageKey)).toBe('no.such.key');
    expect(t('no.such.{thing}' as MessageKey, { thing: 'x' })).toBe('no.such.x');
  });

  it('gives one translation function per language', () => {
    expect(translator('en')).toBe(t);
    expect(translator('ru')).not.toBe(t);
  });

  it('when a count goes with a noun, then each language picks its own plural form', () => {
    const ru = translator('ru');
    expect([1, 2, 5, 11, 21, 22].map((n) => t('compare.scorecards', { n }))).toEqual(['1 scorecard', '2 scorecards', '5 scorecards', '11 scorecards', '21 scorecards', '22 scorecards']);
    expect([1, 2, 5, 11, 21, 22].map((n) => ru('compare.scorecards', { n }))).toEqual(['1 оценка', '2 оценки', '5 оценок', '11 оценок', '21 оценка', '22 оценки']);
    expect(t('summary.meanLine', { mean: '2.50', spread: 1, n: 1 })).toBe('mean 2.50 · spread 1 · 1 rating');
    expect(t('advice.balance', { aes: 1, farmers: 2 })).toMatch(/^1 closer for 2 farmers:/);
    expect(t('advice.balance', { aes: 3, farmers: 1 })).toMatch(/^3 closers for 1 farmer:/);
    expect(t('reports.prediction.hires', { n: 1 })).toBe('1 reviewed hire');
    expect(ru('teamPlan.monthsAgo', { n: 5 })).toBe('5 месяцев назад');
    expect(ru('teamPlan.monthsAgo', { n: 3 })).toBe('3 месяца назад');
    // A count left out is a caller's mistake; the page still renders, with the message as written.
    expect(t('compare.scorecards')).toBe(en['compare.scorecards']);
  });

  it('when any message of either language is filled, then no "(s)" stands in for a plural', () => {
    for (const language of ['en', 'ru'] as const) {
      const tr = translator(language);
      for (const key of Object.keys(en) as MessageKey[]) expect({ key, text: tr(key, { n: 1, count: 1, days: 1, needed: 1, farmers: 1, aes: 1, customers: 1 }) }).toEqual({ key, text: expect.not.stringMatching(/\w\(s\)/) });
    }
  });
});
