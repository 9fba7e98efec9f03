import {
  checkRow,
  type CheckedRow,
  cleanMapping,
  decodeBytes,
  detectDelimiter,
  emailsOf,
  guessMapping,
  guessSource,
  type KnownCandidate,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  parseCsv,
  planImport,
  summarisePlan,
} from '../../../src/candidates/import';
import { translator } from '../../../src/i18n/i18n';

/** Windows-1251 bytes of Cyrillic and ASCII text. */
function cp1251(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) return code;
    if (code === 0x401) return 0xa8;
    if (code === 0x451) return 0xb8;
    return code - 0x410 + 0xc0;
  }));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('reading the bytes of a spreadsheet', () => {
  it('when the limits are read, then a file takes 5 MB and 10,000 rows', () => {
    expect([MAX_IMPORT_BYTES, MAX_IMPORT_ROWS]).toEqual([5_242_880, 10_000]);
  });

  it('when the bytes are UTF-8 with a BOM, then the BOM is dropped and the encoding is UTF-8', () => {
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('Имя,a')]), 'auto')).toEqual({ text: 'Имя,a', encoding: 'utf-8' });
  });

  it('when the bytes are UTF-8 without a BOM, then they are read as UTF-8', () => {
    expect(decodeBytes(utf8('Ёлкина;x'), 'auto')).toEqual({ text: 'Ёлкина;x', encoding: 'utf-8' });
  });

  it('when the bytes are not valid UTF-8, then they are read as Windows-1251', () => {
    expect(decodeBytes(cp1251('ФИО;Ёлкина'), 'auto')).toEqual({ text: 'ФИО;Ёлкина', encoding: 'windows-1251' });
  });

  it('when an encoding is chosen, then it is used even where the other would read', () => {
    expect(decodeBytes(utf8('Я'), 'windows-1251')).toEqual({ text: 'РЇ', encoding: 'windows-1251' });
    expect(decodeBytes(cp1251('Я'), 'utf-8')).toEqual({ text: '\ufffd', encoding: 'utf-8' });
    expect(decodeBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41]), 'utf-8')).toEqual({ text: 'A', encoding: 'utf-8' });
  });

  it('when ASCII only, then it is UTF-8', () => {
    expect(decodeBytes(utf8('a,b'), 'auto').encoding).toBe('utf-8');
    expect(decodeBytes(new Uint8Array(), 'auto')).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('finding the delimiter', () => {
  it.each([
    ['name,email\nA,a@x.test\n', 'comma'],
    ['name;email\nA;a@x.test\n', 'semicolon'],
    ['name\temail\nA\ta@x.test\n', 'tab'],
    // Commas inside the cells of a semicolon file: the semicolon splits every record alike.
    ['name;notes\nA;"one, two, three"\nB;"four, five"\n', 'semicolon'],
    // A quoted newline does not start a record.
    ['a;b\n"x\ny, z, w";2\n', 'semicolon'],
    ['name\nAda\n', 'comma'],
    ['', 'comma'],
    // Equal agreement: more fields win.
    ['a,b,c;d\n', 'comma'],
    ['a;b;c,d\n', 'semicolon'],
    // Equal agreement and fields: comma first, then semicolon.
    ['a,b;c\n', 'comma'],
    ['a;b\tc\n', 'semicolon'],
    ['a\r\nb,c\r\n', 'comma'],
  ])('when the text is %p, then the delimiter is %p', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it.each([
    // Old Mac line ends (CR alone) end records too.
    ['a;b;c;d;e,f\rg,h', 'comma'],
    // Quoted commas do not count: the semicolon splits each record once, the comma none.
    ['"a,b";c\n"d,e";f\n', 'semicolon'],
    // The last record counts without a closing line end.
    ['a,b,c;d\ne;f', 'semicolon'],
    // Empty lines are no records.
    ['a,b,c;d\n\n\ne;f\n\n', 'semicolon'],
  ])('when the text is %p, then the delimiter is still %p', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('when a delimiter splits more records alike than another splitting the header more, then it wins', () => {
    expect(detectDelimiter('a,b,c;d\nx;y\nz;w\n')).toBe('semicolon');
  });

  it('when only the first 20 records are read, then a later record does not change the choice', () => {
    const head = Array.from({ length: 20 }, () => 'a;b').join('\n');
    expect(detectDelimiter(`${head}\n${Array.from({ length: 30 }, () => 'a,b,c').join('\n')}`)).toBe('semicolon');
  });
});

describe('parsing the CSV', () => {
  it('when cells are quoted with newlines, delimiters and doubled quotes, then they are read whole', () => {
    expect(parseCsv('name,notes\r\n"Ada","line one\r\nline ""two"", more"\r\n', 'comma')).toEqual({ ok: true, header: ['name', 'notes'], rows: [['Ada', 'line one\r\nline "two", more']] });
  });

  it('when a record holds only spaces, then it is skipped as empty', () => {
    expect(parseCsv('name\n   \nA\n', 'comma')).toEqual({ ok: true, header: ['name'], rows: [['A']] });
  });

  it('when records are short or long, then all are as wide as the widest; empty records are skipped; headers are trimmed', () => {
    expect(parseCsv(' name ;email\nA\n;\n\nB;b@x.test;extra\n', 'semicolon')).toEqual({ ok: true, header: ['name', 'email', ''], rows: [['A', '', ''], ['B', 'b@x.test', 'extra']] });
  });

  it('when a quote is never closed, then the file is refused with the line', () => {
    expect(parseCsv('name\n"Ada\n', 'comma')).toEqual({ ok: false, error: 'import.error.unreadable', params: { line: 2 } });
  });

  it('when the text holds a NUL character (a workbook, not a CSV), then it is refused as not a CSV', () => {
    expect(parseCsv('PK\u0003\u0004\u0000\u0000name\nAda\n', 'comma')).toEqual({ ok: false, error: 'import.error.notCsv' });
  });

  it('when there is only a header or nothing, then there are no rows', () => {
    expect(parseCsv('name,email\n', 'comma')).toEqual({ ok: false, error: 'import.error.noRows' });
    expect(parseCsv('', 'comma')).toEqual({ ok: false, error: 'import.error.noRows' });
  });

  it('when there are more columns than the preview shows, then it is refused with the count', () => {
    expect(parseCsv(`${Array.from({ length: 100 }, (_, i) => `c${i}`).join(',')}\nA\n`, 'comma')).toMatchObject({ ok: true });
    expect(parseCsv(`name\nA${','.repeat(100)}\n`, 'comma')).toEqual({ ok: false, error: 'import.error.tooManyColumns', params: { n: 101, max: 100 } });
  });

  it('when there are more rows than one import takes, then it is refused with the count', () => {
    const rows = (n: number) => `name\n${Array.from({ length: n }, (_, i) => `P${i}`).join('\n')}`;
    expect(parseCsv(rows(MAX_IMPORT_ROWS + 1), 'comma')).toEqual({ ok: false, error: 'import.error.tooManyRows', params: { n: 10_001, max: 10_000 } });
    const ok = parseCsv(rows(MAX_IMPORT_ROWS), 'comma');
    expect(ok.ok && ok.rows.length).toBe(10_000);
  });
});

describe('guessing the columns', () => {
  it('when headers are in English, then each names its field', () => {
    expect(guessMapping(['Full Name', 'E-mail', 'Phone number', 'LinkedIn URL', 'Source', 'Referred by', 'Notes', 'Salary'])).toEqual(['name', 'email', 'phone', 'linkedin_url', 'source', 'referrer', 'notes', '']);
  });

  it('when headers are in Russian, then each names its field (ё as е)', () => {
    expect(guessMapping(['ФИО', 'Эл. почта', 'Телефон', 'Источник', 'Кто порекомендовал', 'Комментарий', 'Примечания'])).toEqual(['name', 'email', 'phone', 'source', 'referrer', 'notes', 'notes']);
    expect(guessMapping(['Фамилия', 'Имя отчество', 'Электронная почта'])).toEqual(['last_name', 'first_name', 'email']);
    expect(guessMapping(['Имя', 'Почта'])).toEqual(['name', 'email']);
  });

  it.each([
    ['name', ['Name', 'Full name', 'Candidate', 'Candidate name', 'ФИО', 'Имя', 'Полное имя', 'Кандидат', 'Фамилия, имя', 'Фамилия имя отчество']],
    ['first_name', ['First name', 'Given name', 'First', 'Имя отчество']],
    ['last_name', ['Last name', 'Surname', 'Family name', 'Last', 'Фамилия']],
    ['email', ['Email', 'Mail', 'E-mail address', 'Почта', 'Электронная почта', 'Эл. почта', 'Э-почта', 'Емейл', 'Имейл', 'Емаил', 'Адрес электронной почты', 'Email 1']],
    ['phone', ['Phone', 'Phone number', 'Mobile', 'Tel.', 'Telephone', 'Cell', 'Телефон', 'Мобильный', 'Тел.', 'Номер телефона', 'Мобильный телефон']],
    ['linkedin_url', ['LinkedIn', 'LinkedIn URL', 'LinkedIn profile', 'Profile', 'Линкедин', 'Профиль LinkedIn', 'Ссылка на LinkedIn']],
    ['source', ['Source', 'Origin', 'Channel', 'Источник', 'Канал', 'Откуда']],
    ['referrer', ['Referrer', 'Referred by', 'Referral', 'Рекомендатель', 'Кто порекомендовал', 'Рекомендовал', 'Порекомендовал']],
    ['notes', ['Notes', 'Note', 'Comment', 'Comments', 'Remarks', 'Заметки', 'Заметка', 'Комментарий', 'Комментарии', 'Примечание', 'Примечания']],
  ])('when a header names %p in any of its usual ways, then it fills that field', (field, headers) => {
    for (const header of headers) expect([header, guessMapping([header])[0]]).toEqual([header, field]);
  });

  it('when a header has ё, then it reads as е', () => {
    expect(guessMapping(['Ёмейл', 'Телёфон', 'Откудё'])).toEqual(['email', 'phone', '']);
  });

  it('when two columns name one field, then the first fills it and the other is left out, except notes', () => {
    expect(guessMapping(['Email', 'mail', 'Notes', 'Comments'])).toEqual(['email', '', 'notes', 'notes']);
  });

  it('when a posted mapping holds unknown values or repeats a field, then those columns are left out; missing ones too', () => {
    expect(cleanMapping(['name', 'name', 'bogus', 'notes', 'notes', undefined, ['email']], 8)).toEqual(['name', '', '', 'notes', 'notes', '', '', '']);
    expect(cleanMapping(['email', 'phone'], 1)).toEqual(['email']);
  });
});

describe('recognising a source', () => {
  it.each([
    ['Referral', 'referral'],
    ['рекомендация', 'referral'],
    ['Inbound', 'inbound'],
    ['Сайт', 'inbound'],
    ['LinkedIn', 'outbound'],
    ['Поиск', 'outbound'],
    ['Recruitment agency', 'agency'],
    ['Кадровое агентство', 'agency'],
    ['другое', 'other'],
    ['billboard', undefined],
    ['', undefined],
  ])('when the cell says %p, then the source is %p', (value, source) => {
    expect(guessSource(value)).toBe(source);
  });
});

describe('checking a row', () => {
  const mapping = ['name', 'email', 'phone', 'linkedin_url', 'source', 'referrer', 'notes', 'notes'] as const;

  it('when a row is valid, then it becomes the candidate the form would save', () => {
    expect(checkRow([' Ada   Quill ', ' Ada@Example.TEST ', '+1 (555) 010-0', 'linkedin.com/in/ada', 'Referral', 'Bo', 'one\r\ntwo', ' three '], mapping, 'outbound')).toEqual({
      ok: true,
      candidate: { name: 'Ada Quill', email: 'ada@example.test', phone: '+1 (555) 010-0', linkedinUrl: 'https://linkedin.com/in/ada', source: 'referral', sourceDetail: 'Bo', notes: 'one\ntwo\nthree' },
    });
  });

  it('when the source is empty, then the default is used; inbound gets the "applied" channel', () => {
    expect(checkRow(['Ada', '', '', '', '', '', '', ''], mapping, 'inbound')).toEqual({ ok: true, candidate: { name: 'Ada', email: '', phone: '', linkedinUrl: '', source: 'inbound', sourceDetail: 'applied', notes: '' } });
    expect(checkRow(['Ada'], ['name'], 'agency')).toEqual({ ok: true, candidate: { name: 'Ada', email: '', phone: '', linkedinUrl: '', source: 'agency', sourceDetail: '', notes: '' } });
  });

  it('when first and last names are separate, then they make the name; a name column wins', () => {
    expect(checkRow(['Quill', 'Ada'], ['last_name', 'first_name'], 'other')).toMatchObject({ ok: true, candidate: { name: 'Ada Quill' } });
    expect(checkRow(['Quill', ''], ['last_name', 'first_name'], 'other')).toMatchObject({ ok: true, candidate: { name: 'Quill' } });
    expect(checkRow(['Full', 'Ada', 'Quill'], ['name', 'first_name', 'last_name'], 'other')).toMatchObject({ ok: true, candidate: { name: 'Full' } });
  });

  it('when everything is wrong, then every reason is given', () => {
    expect(checkRow(['', 'not-mail', 'call me', 'https://example.com/in/x', 'billboard', 'x'.repeat(121), 'n'.repeat(5001), ''], mapping, 'outbound')).toEqual({
      ok: false,
      name: '',
      email: 'not-mail',
      reasons: ['import.refused.name', 'import.refused.email', 'import.refused.phone', 'import.refused.linkedin', 'import.refused.source', 'import.refused.referrerLong', 'import.refused.notesLong'],
    });
  });

  it('when limits are just met or just passed, then the edge decides', () => {
    expect(checkRow(['x'.repeat(120)], ['name'], 'other').ok).toBe(true);
    expect(checkRow(['x'.repeat(121)], ['name'], 'other')).toEqual({ ok: false, reasons: ['import.refused.nameLong'], name: 'x'.repeat(121), email: '' });
    expect(checkRow(['A', 'n'.repeat(5000)], ['name', 'notes'], 'other').ok).toBe(true);
    expect(checkRow(['A', '12345'], ['name', 'phone'], 'other').ok).toBe(true);
    expect(checkRow(['A', '1234'], ['name', 'phone'], 'other')).toEqual({ ok: false, reasons: ['import.refused.phone'], name: 'A', email: '' });
    expect(checkRow(['A', `${'a'.repeat(241)}@example.test`], ['name', 'email'], 'other').ok).toBe(true);
    expect(checkRow(['A', `${'a'.repeat(242)}@example.test`], ['name', 'email'], 'other')).toEqual({ ok: false, reasons: ['import.refused.email'], name: 'A', email: `${'a'.repeat(242)}@example.test` });
    expect(checkRow(['A', `linkedin.com/in/${'a'.repeat(490)}`], ['name', 'linkedin_url'], 'other')).toEqual({ ok: false, reasons: ['import.refused.linkedin'], name: 'A', email: '' });
  });

  it('when the phone has other characters before or after the digits, then it is refused', () => {
    expect(checkRow(['A', 'x12345'], ['name', 'phone'], 'other')).toMatchObject({ ok: false, reasons: ['import.refused.phone'] });
    expect(checkRow(['A', '12345x'], ['name', 'phone'], 'other')).toMatchObject({ ok: false, reasons: ['import.refused.phone'] });
    expect(checkRow(['A', '1'.repeat(41)], ['name', 'phone'], 'other')).toMatchObject({ ok: false, reasons: ['import.refused.phone'] });
    expect(checkRow(['A', '1'.repeat(40)], ['name', 'phone'], 'other').ok).toBe(true);
  });

  it('when the LinkedIn address or the referrer is exactly at its limit, then it passes; one more and it does not', () => {
    expect(checkRow(['A', `linkedin.com/in/${'a'.repeat(484)}`], ['name', 'linkedin_url'], 'other').ok).toBe(true);
    expect(checkRow(['A', `linkedin.com/in/${'a'.repeat(485)}`], ['name', 'linkedin_url'], 'other')).toMatchObject({ ok: false, reasons: ['import.refused.linkedin'] });
    expect(checkRow(['A', 'r'.repeat(120)], ['name', 'referrer'], 'referral')).toMatchObject({ ok: true, candidate: { sourceDetail: 'r'.repeat(120) } });
    expect(checkRow(['A', 'r'.repeat(121)], ['name', 'referrer'], 'referral')).toMatchObject({ ok: false, reasons: ['import.refused.referrerLong'] });
  });

  it('when notes use old Mac line ends, then they become line breaks; a row shorter than the mapping reads empty cells', () => {
    expect(checkRow(['A', 'one\rtwo'], ['name', 'notes'], 'other')).toMatchObject({ ok: true, candidate: { notes: 'one\ntwo' } });
    expect(checkRow(['A'], ['name', 'email', 'notes'], 'other')).toMatchObject({ ok: true, candidate: { email: '', notes: '' } });
  });

  it('when only the source or only the LinkedIn address is wrong, then that alone refuses the row', () => {
    expect(checkRow(['A', 'billboard'], ['name', 'source'], 'other')).toEqual({ ok: false, reasons: ['import.refused.source'], name: 'A', email: '' });
    expect(checkRow(['A', 'example.com'], ['name', 'linkedin_url'], 'other')).toEqual({ ok: false, reasons: ['import.refused.linkedin'], name: 'A', email: '' });
  });

  it('when a referral has nobody named, then it is refused for that', () => {
    expect(checkRow(['A'], ['name'], 'referral')).toEqual({ ok: false, reasons: ['import.refused.referrer'], name: 'A', email: '' });
  });
});

describe('planning the import', () => {
  const valid = (name: string, email: string): CheckedRow => ({ ok: true, candidate: { name, email, phone: '', linkedinUrl: '', source: 'outbound', sourceDetail: '', notes: '' } });
  const refused: CheckedRow = { ok: false, reasons: ['import.refused.name'], name: '', email: 'r@x.test' };

  it('when rows are new, known, repeated, refused or already in the opening, then each gets its outcome with the spreadsheet row number', () => {
    const known = new Map<string, KnownCandidate>([
      ['known@x.test', { candidateId: 7, inOpening: false }],
      ['applied@x.test', { candidateId: 8, inOpening: true }],
    ]);
    const checked = [valid('New', 'new@x.test'), valid('Known', 'known@x.test'), valid('New again', 'new@x.test'), refused, valid('Applied', 'applied@x.test'), valid('No mail', ''), valid('No mail 2', ''), valid('Known again', 'known@x.test')];
    const plan = planImport(checked, known, true);
    expect(plan.map((p) => ({ row: p.row, kind: p.kind, ...('sameAsRow' in p ? { sameAsRow: p.sameAsRow } : {}), ...('candidateId' in p ? { candidateId: p.candidateId } : {}), ...('reasons' in p ? { reasons: p.reasons, name: p.name, email: p.email } : {}) }))).toEqual([
      { row: 2, kind: 'create' },
      { row: 3, kind: 'join', candidateId: 7 },
      { row: 4, kind: 'join', sameAsRow: 2 },
      { row: 5, kind: 'refuse', reasons: ['import.refused.name'], name: '', email: 'r@x.test' },
      { row: 6, kind: 'refuse', reasons: ['import.refused.inOpening'], name: 'Applied', email: 'applied@x.test' },
      { row: 7, kind: 'create' },
      { row: 8, kind: 'create' },
      { row: 9, kind: 'join', sameAsRow: 3 },
    ]);
    expect(summarisePlan(plan)).toEqual({ created: 3, joined: 3, refused: 2 });
  });

  it('when no opening is chosen, then a candidate already in some opening simply joins', () => {
    const plan = planImport([valid('Applied', 'applied@x.test')], new Map([['applied@x.test', { candidateId: 8, inOpening: true }]]), false);
    expect(plan).toEqual([{ row: 2, kind: 'join', candidate: valid('Applied', 'applied@x.test').ok ? (valid('Applied', 'applied@x.test') as { candidate: unknown }).candidate : undefined, candidateId: 8 }]);
  });

  it('when the first row of an e-mail is refused, then the next valid one creates the candidate', () => {
    expect(planImport([{ ok: false, reasons: ['import.refused.phone'], name: 'A', email: 'b@x.test' }, valid('B', 'b@x.test'), valid('C', 'b@x.test')], new Map(), false).map((p) => p.kind)).toEqual(['refuse', 'create', 'join']);
  });

  it('when e-mails are collected for the lookup, then valid rows give each once and refused or empty ones none', () => {
    expect(emailsOf([valid('A', 'a@x.test'), refused, valid('B', ''), valid('C', 'a@x.test'), valid('D', 'd@x.test')])).toEqual(['a@x.test', 'd@x.test']);
  });
});

describe('the import\'s words in both languages', () => {
  it('when counts are shown in Russian, then each takes its plural form', () => {
    const ru = translator('ru');
    expect([1, 3, 5, 21].map((n) => ru('import.summary.created', { n }))).toEqual(['1 новый кандидат', '3 новых кандидата', '5 новых кандидатов', '21 новый кандидат']);
    expect(ru('import.summary.refused', { n: 0 })).toBe('отклонённых строк нет');
    expect(translator('en')('import.summary.joined', { n: 2 })).toBe('2 rows join known candidates');
  });
});
