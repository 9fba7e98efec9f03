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
});
