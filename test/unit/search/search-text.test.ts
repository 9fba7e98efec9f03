import {
  ftsHeadQuery,
  ftsQuery,
  MAX_QUERY_CHARS,
  MAX_QUERY_CHUNKS,
  normaliseWord,
  parseSearchQuery,
  phoneDigits,
  phoneTokens,
  searchFields,
  stemmedColumns,
  stemmerFor,
  stemOf,
  tsqueryChunk,
  wordsOf,
} from '../../../src/search/search-text';

describe('words of a text', () => {
  it('when a text has punctuation, markup and an address, then only letters and digits make words, with their positions', () => {
    expect(wordsOf('Big.Eyes@x.com, <b>2019</b>!')).toEqual([
      { start: 0, end: 3, norm: 'big' },
      { start: 4, end: 8, norm: 'eyes' },
      { start: 9, end: 10, norm: 'x' },
      { start: 11, end: 14, norm: 'com' },
      { start: 17, end: 18, norm: 'b' },
      { start: 19, end: 23, norm: '2019' },
      { start: 25, end: 26, norm: 'b' },
    ]);
  });

  it('when a word has accents, then Latin letters lose them, Cyrillic й stays and ё becomes е', () => {
    expect(normaliseWord('Chloé')).toBe('chloe');
    expect(normaliseWord('Straße')).toBe('straße');
    expect(normaliseWord('Ёлкина')).toBe('елкина');
    expect(normaliseWord('Йошкар')).toBe('йошкар');
    expect(normaliseWord('прода\u0301жи')).toBe('продажи');
    expect(wordsOf('e\u0301t\u0301e')).toEqual([{ start: 0, end: 5, norm: 'ete' }]);
  });

  it('when a word is longer than 60 characters or only marks, then it is left out', () => {
    expect(wordsOf(`${'a'.repeat(61)} ok ${'b'.repeat(60)}`).map((w) => w.norm)).toEqual(['ok', 'b'.repeat(60)]);
    expect(wordsOf('\u0301\u0301 x')).toEqual([{ start: 3, end: 4, norm: 'x' }]);
  });
});

describe('stemming by script', () => {
  it('when a word is Cyrillic, then the Russian stemmer; plain Latin, the English one; digits or other letters, none', () => {
    expect(stemmerFor('продажи')).toBe('russian');
    expect(stemmerFor('sаles')).toBe('russian'); // a Cyrillic "а" inside
    expect(stemmerFor('selling')).toBe('english');
    expect(stemmerFor('b2b')).toBe('none');
    expect(stemmerFor('2019')).toBe('none');
    expect(stemmerFor('straße')).toBe('none');
    expect(stemmerFor('東京')).toBe('none');
  });

  it('when words differ only in their form, then they share a stem', () => {
    expect(stemOf('selling')).toBe('sell');
    expect(stemOf('sells')).toBe('sell');
    expect(stemOf('banks')).toBe('bank');
    expect(stemOf('продажи')).toBe('продаж');
    expect(stemOf('продаж')).toBe('продаж');
    expect(stemOf('банкам')).toBe('банк');
    expect(stemOf('b2b')).toBe('b2b');
    expect(stemOf('straße')).toBe('straße');
    // The second call comes from the cache and is the same.
    expect(stemOf('selling')).toBe('sell');
  });
});

describe('phone numbers', () => {
  it('when a number is typed with spaces, brackets, dots and dashes, then only its digits count', () => {
    expect(phoneDigits('+1 (912) 555-0102')).toBe('19125550102');
    expect(phoneDigits('912.555.0102')).toBe('9125550102');
    expect(phoneDigits('')).toBe('');
  });

  it('when a number is indexed, then every ending of four digits or more is a token', () => {
    expect(phoneTokens('555-0102')).toEqual(['tel5550102', 'tel550102', 'tel50102', 'tel0102']);
    expect(phoneTokens('0102')).toEqual(['tel0102']);
    expect(phoneTokens('102')).toEqual([]);
  });
});

describe('what a candidate is indexed by', () => {
  it('when a candidate has a name, e-mail, phone, notes and résumé, then SQLite gets their stems per column and the phone tokens with the name', () => {
    const fields = searchFields({ name: 'Chloé Selling', email: 'big.eyes@example.com', phone: '555 0102', notes: 'Sold to banks.', resume: 'Продажи банкам' });
    expect(fields).toEqual({ head: ['chloe', 'selling', 'big', 'eyes', 'example', 'com'], phone: ['tel5550102', 'tel550102', 'tel50102', 'tel0102'], notes: ['sold', 'to', 'banks'], resume: ['продажи', 'банкам'] });
    expect(stemmedColumns(fields)).toEqual({ head: 'chloe sell big eye exampl com tel5550102 tel550102 tel50102 tel0102', notes: 'sold to bank', resume: 'продаж банк' });
  });

  it('when a candidate has no phone and no résumé, then those parts are empty', () => {
    expect(stemmedColumns(searchFields({ name: 'Ann', email: '', phone: '', notes: '', resume: '' }))).toEqual({ head: 'ann', notes: '', resume: '' });
  });

  it('when a résumé is longer than 100,000 characters, then only its start is indexed', () => {
    const fields = searchFields({ name: 'A', email: '', phone: '', notes: '', resume: `${'word '.repeat(20_000)}tail` });
    expect(fields.resume).toHaveLength(20_000);
    expect(fields.resume).not.toContain('tail');
  });
});

describe('reading a query', () => {
  it('when words are typed, then each is a chunk with its stem, and the last may be the start of a name', () => {
    expect(parseSearchQuery('  AE sold to Banks ')).toEqual({
      chunks: [
        { words: ['ae'], stems: ['ae'] },
        { words: ['sold'], stems: ['sold'] },
        { words: ['to'], stems: ['to'] },
        { words: ['banks'], stems: ['bank'] },
      ],
      prefix: 'ae sold to banks',
      lastPrefix: 'banks',
    });
  });

  it('when one word is typed, then there is no separate last-word start (the whole query is one)', () => {
    expect(parseSearchQuery('Ale')).toEqual({ chunks: [{ words: ['ale'], stems: ['ale'] }], prefix: 'ale' });
  });

  it('when words are joined by dots, @, dashes or apostrophes, then they are one phrase', () => {
    expect(parseSearchQuery('big.eyes@example.com')!.chunks).toEqual([{ words: ['big', 'eyes', 'example', 'com'], stems: ['big', 'eye', 'exampl', 'com'] }]);
    expect(parseSearchQuery("O'Brien jean-pierre")!.chunks).toEqual([
      { words: ['o', 'brien'], stems: ['o', 'brien'] },
      { words: ['jean', 'pierre'], stems: ['jean', 'pierr'] },
    ]);
    expect(parseSearchQuery('german ann.sm')!.lastPrefix).toBe('ann.sm');
  });

  it('when a phone number is typed in any form, then its digit groups are one chunk with all its digits', () => {
    for (const typed of ['+1 (912) 555-0102', '1.912.555.0102', '1 912 555 0102']) {
      expect(parseSearchQuery(typed)!.chunks).toEqual([{ words: ['1', '912', '555', '0102'], stems: ['1', '912', '555', '0102'], phoneDigits: '19125550102' }]);
    }
    expect(parseSearchQuery('9125550102')!.chunks).toEqual([{ words: ['9125550102'], stems: ['9125550102'], phoneDigits: '9125550102' }]);
  });

  it('when fewer than four digits are typed, then they are a plain word, not a part of a phone number', () => {
    expect(parseSearchQuery('555')!.chunks).toEqual([{ words: ['555'], stems: ['555'] }]);
    expect(parseSearchQuery('55 5')!.chunks).toEqual([{ words: ['55', '5'], stems: ['55', '5'] }]);
    expect(parseSearchQuery('5550')!.chunks).toEqual([{ words: ['5550'], stems: ['5550'], phoneDigits: '5550' }]);
  });

  it('when digits follow a word, then they start a chunk of their own', () => {
    expect(parseSearchQuery('banks 2019')!.chunks).toEqual([
      { words: ['banks'], stems: ['bank'] },
      { words: ['2019'], stems: ['2019'], phoneDigits: '2019' },
    ]);
  });

  it('when only punctuation is typed, then there are no chunks but the prefix stays; blank is no query', () => {
    expect(parseSearchQuery('!!! ??')).toEqual({ chunks: [], prefix: '!!! ??' });
    expect(parseSearchQuery('   ')).toBeUndefined();
    expect(parseSearchQuery('')).toBeUndefined();
  });

  it('when the query is very long, then it is cut to its first characters and chunks', () => {
    const parsed = parseSearchQuery(`${'word '.repeat(100)}`)!;
    expect(parsed.chunks).toHaveLength(MAX_QUERY_CHUNKS);
    expect(parseSearchQuery('x'.repeat(MAX_QUERY_CHARS + 50))!.prefix).toHaveLength(MAX_QUERY_CHARS);
  });
});

describe('queries for the databases', () => {
  const chunks = parseSearchQuery('big.eyes "banks" 555-0102')!.chunks;

  it('when SQLite is asked, then every chunk must match (a phrase of stems, or the digits or a phone number) and the first rank is a match in the name', () => {
    expect(ftsQuery(chunks)).toBe('("big eye") AND ("bank") AND ("555" AND "0102" OR {head} : "tel5550102" *)');
    expect(ftsHeadQuery(chunks)).toBe('({head} : "big eye") OR ({head} : "bank") OR ({head} : "555" AND {head} : "0102" OR {head} : "tel5550102" *)');
    expect(ftsQuery([])).toBeUndefined();
    expect(ftsHeadQuery([])).toBeUndefined();
  });

  it('when PostgreSQL is asked, then it gets phrases of words to stem itself, weight A for the first rank', () => {
    expect(chunks.map((c) => tsqueryChunk(c, false))).toEqual([{ words: "'big' <-> 'eyes'" }, { words: "'banks'" }, { words: "'555' & '0102'", phone: "'tel5550102':*" }]);
    expect(chunks.map((c) => tsqueryChunk(c, true))).toEqual([{ words: "'big':A <-> 'eyes':A" }, { words: "'banks':A" }, { words: "'555':A & '0102':A", phone: "'tel5550102':*A" }]);
  });
});

describe('edges of words, stems and queries', () => {
  it('when a Cyrillic word has a mark and ё, then both are normalised; Latin words with accents are cut at 60 characters too', () => {
    expect(normaliseWord('Ёл\u0301ка')).toBe('елка');
    expect(normaliseWord(`é${'a'.repeat(59)}`)).toBe(`e${'a'.repeat(59)}`);
    expect(normaliseWord(`é${'a'.repeat(60)}`)).toBe('');
  });

  it('when a word mixes Cyrillic letters and digits, or Latin letters and digits, then it is not stemmed', () => {
    expect(stemmerFor('б2б')).toBe('none');
    expect(stemOf('b2bs')).toBe('b2bs');
    expect(stemOf('λόγοι')).toBe('λόγοι');
  });

  it('when notes are longer than 10,000 characters, then only their start is indexed', () => {
    const fields = searchFields({ name: 'A', email: '', phone: '', notes: `${'word '.repeat(2400)}tail`, resume: '' });
    expect(fields.notes).toHaveLength(2000);
  });

  it('when a candidate has only a phone in the head, then the head is the phone tokens alone', () => {
    expect(stemmedColumns(searchFields({ name: '', email: '', phone: '0102', notes: '', resume: '' })).head).toBe('tel0102');
  });

  it('when a term holds a quote, then it is doubled inside the literal', () => {
    expect(ftsQuery([{ words: ['a"b'], stems: ['a"b'] }])).toBe('("a""b")');
    expect(tsqueryChunk({ words: ["a'b"], stems: ["a'b"] }, false)).toEqual({ words: "'a''b'" });
  });

  it('when digits stand inside a word, then it is a word, not a part of a phone number', () => {
    expect(parseSearchQuery('b2 555')!.chunks).toEqual([{ words: ['b2'], stems: ['b2'] }, { words: ['555'], stems: ['555'] }]);
    expect(parseSearchQuery('2b 555')!.chunks).toEqual([{ words: ['2b'], stems: ['2b'] }, { words: ['555'], stems: ['555'] }]);
  });

  it('when words are joined by one or two joiners, then they are a phrase; by three, or a space and a joiner, or a slash, then not', () => {
    expect(parseSearchQuery('a..b')!.chunks).toEqual([{ words: ['a', 'b'], stems: ['a', 'b'] }]);
    expect(parseSearchQuery('a...b')!.chunks).toHaveLength(2);
    expect(parseSearchQuery('a .b')!.chunks).toHaveLength(2);
    expect(parseSearchQuery('a. b')!.chunks).toHaveLength(2);
    expect(parseSearchQuery('555/0102')!.chunks).toEqual([{ words: ['555'], stems: ['555'] }, { words: ['0102'], stems: ['0102'], phoneDigits: '0102' }]);
    expect(parseSearchQuery('555 x0102')!.chunks).toEqual([{ words: ['555'], stems: ['555'] }, { words: ['x0102'], stems: ['x0102'] }]);
    expect(parseSearchQuery('5550.x')!.chunks).toEqual([{ words: ['5550'], stems: ['5550'], phoneDigits: '5550' }, { words: ['x'], stems: ['x'] }]);
  });

  it('when spaces are repeated, then the prefix has one', () => {
    expect(parseSearchQuery(' Ann \t  Smi ')!.prefix).toBe('ann smi');
    expect(parseSearchQuery(' Ann \t  Smi ')!.lastPrefix).toBe('smi');
  });
});
