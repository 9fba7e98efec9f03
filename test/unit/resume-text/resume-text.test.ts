import { afterUnfinishedRead, countWords, MAX_READ_ATTEMPTS, MAX_TEXT_CHARS, normaliseText, outcomeOfText, resumeTextView } from '../../../src/resume-text/resume-text';

describe('normaliseText', () => {
  it('when text has runs of spaces, tabs, line breaks and Unicode spaces, then each run becomes one space and the ends are trimmed', () => {
    expect(normaliseText('  Anna\t\tPetrova\r\n\n Sales\u00A0\u2003Lead \u3000')).toBe('Anna Petrova Sales Lead');
  });

  it('when text holds control characters, NUL and private-use glyphs, then they are dropped as spaces', () => {
    expect(normaliseText('a\u0000b\u0007c\u001Fd\u007Fe\u0085f\uE000g\uFFFDh\uFEFFi\u000Bj\u000Ck')).toBe('a b c d e f g h i j k');
  });

  it('when text has tabs and line breaks only between words, then they stay one space (tab, LF, CR are whitespace, not dropped twice)', () => {
    expect(normaliseText('a\tb\nc\rd')).toBe('a b c d');
  });

  it('when text is within the limit, then it is kept whole, at exactly the limit too', () => {
    expect(normaliseText('abc def', 7)).toBe('abc def');
    expect(normaliseText('abc def', 8)).toBe('abc def');
  });

  it('when the limit falls inside a word, then the text ends at the space before that word', () => {
    expect(normaliseText('abc def ghi', 9)).toBe('abc def');
    expect(normaliseText('abc def ghi', 6)).toBe('abc');
  });

  it('when the limit falls just before a space, then the text keeps every word up to it', () => {
    expect(normaliseText('abc def ghi', 7)).toBe('abc def');
    expect(normaliseText('abc def ghi', 3)).toBe('abc');
  });

  it('when the first word alone is longer than the limit, then it is cut at the limit', () => {
    expect(normaliseText('abcdefgh ij', 5)).toBe('abcde');
  });

  it('when the cut would split a surrogate pair, then the lone half is left out', () => {
    expect(normaliseText('ab😀cd', 3)).toBe('ab');
    expect(normaliseText('ab😀cd', 4)).toBe('ab😀');
    // The first and the last high surrogates (U+10000 and U+10FFFF), and the characters either side of them.
    expect(normaliseText('ab\uD800\uDC00cd', 3)).toBe('ab');
    expect(normaliseText('ab\uDBFF\uDFFFcd', 3)).toBe('ab');
    expect(normaliseText('ab\uD7FFcd', 3)).toBe('ab\uD7FF');
    expect(normaliseText('ab\uDC00cd', 3)).toBe('ab\uDC00');
  });

  it('when no limit is given, then it is 200,000 characters', () => {
    expect(MAX_TEXT_CHARS).toBe(200_000);
    const long = 'word '.repeat(50_000);
    expect(normaliseText(long)).toHaveLength(199_999);
    expect(normaliseText(long).endsWith('word')).toBe(true);
  });
});

describe('countWords', () => {
  it('when text is empty, then it has no words; otherwise words are what spaces separate', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('one')).toBe(1);
    expect(countWords('Иван Петров — менеджер')).toBe(4);
  });
});

describe('outcomeOfText', () => {
  it('when a document gives text, then it is kept normalised', () => {
    expect(outcomeOfText('  Sales\n\nManager ')).toEqual({ status: 'text', text: 'Sales Manager' });
  });

  it('when a document gives only whitespace or nothing, then it is an image without a text layer (scanned)', () => {
    expect(outcomeOfText(' \n\t ')).toEqual({ status: 'none', reason: 'scanned' });
    expect(outcomeOfText('')).toEqual({ status: 'none', reason: 'scanned' });
  });

  it('when a limit is given, then the text is capped at it', () => {
    expect(outcomeOfText('abc def', 4)).toEqual({ status: 'text', text: 'abc' });
  });
});

describe('afterUnfinishedRead', () => {
  it('when tries remain, then the file is read again; on the last allowed try it is kept as damaged', () => {
    expect(MAX_READ_ATTEMPTS).toBe(3);
    expect(afterUnfinishedRead(1)).toBe('retry');
    expect(afterUnfinishedRead(2)).toBe('retry');
    expect(afterUnfinishedRead(3)).toEqual({ status: 'none', reason: 'malformed' });
    expect(afterUnfinishedRead(4)).toEqual({ status: 'none', reason: 'malformed' });
    expect(afterUnfinishedRead(1, 1)).toEqual({ status: 'none', reason: 'malformed' });
    expect(afterUnfinishedRead(1, 2)).toBe('retry');
  });
});

describe('resumeTextView', () => {
  it('when there is no row yet or it is pending, then the text is being read', () => {
    expect(resumeTextView(undefined)).toEqual({ state: 'pending' });
    expect(resumeTextView({ status: 'pending', reason: null, words: 0 })).toEqual({ state: 'pending' });
  });

  it('when the text was read, then the page shows its words', () => {
    expect(resumeTextView({ status: 'text', reason: null, words: 412 })).toEqual({ state: 'text', words: 412 });
  });

  it('when no text could be read, then the page shows why, and an unknown reason reads as damaged', () => {
    for (const reason of ['malformed', 'encrypted', 'scanned', 'unsupported'] as const) expect(resumeTextView({ status: 'none', reason, words: 0 })).toEqual({ state: 'none', reason });
    expect(resumeTextView({ status: 'none', reason: 'odd', words: 0 })).toEqual({ state: 'none', reason: 'malformed' });
    expect(resumeTextView({ status: 'none', reason: null, words: 0 })).toEqual({ state: 'none', reason: 'malformed' });
  });
});
