import { ReportCache } from '../../../src/reports/report-cache';

describe('the report cache', () => {
  it('when the version is the same, then a kept page is served', () => {
    const cache = new ReportCache<string>();
    cache.get('7', 'a');
    cache.set('7', 'a', 'page');
    expect(cache.get('7', 'a')).toBe('page');
  });

  it('when another version is read, then nothing kept before is served', () => {
    const cache = new ReportCache<string>();
    cache.get('7', 'a');
    cache.set('7', 'a', 'page');
    expect(cache.get('8', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('when a page was computed under a version older than the one last read, then it is not kept', () => {
    const cache = new ReportCache<string>();
    cache.get('7', 'a');
    cache.get('8', 'b');
    cache.set('7', 'a', 'computed before the change');
    expect(cache.get('8', 'a')).toBeUndefined();
  });

  it('when more pages than the limit are kept, then the least recently read goes first', () => {
    const cache = new ReportCache<string>(2);
    cache.get('1', 'a');
    cache.set('1', 'a', 'A');
    cache.set('1', 'b', 'B');
    cache.get('1', 'a');
    cache.set('1', 'c', 'C');
    expect(cache.get('1', 'b')).toBeUndefined();
    expect(cache.get('1', 'a')).toBe('A');
    expect(cache.get('1', 'c')).toBe('C');
  });
});
