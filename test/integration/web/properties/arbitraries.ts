import fc from 'fast-check';

/** A field left out of the submission. */
export const MISSING = Symbol('missing');
export type FieldValue = string | readonly string[] | typeof MISSING;

/** Tags no page ever contains on its own: found unescaped in a response, they were echoed raw. */
export const PROBE = '<x-probe-';
export const marker = fc.integer({ min: 0, max: 999_999 }).map((n) => `${PROBE}${n}>`);

const markup = fc.tuple(fc.constantFrom('', '"', "'", '">', "'>", '</textarea>', '</title>', '-->', ']]>', 'javascript:'), marker, fc.constantFrom('', 'x', '</x-probe>')).map(([before, m, after]) => `${before}${m}${after}`);

const sql = fc.constantFrom("' OR '1'='1", "1; DROP TABLE users; --", '" OR ""="', "%' --", "') OR ('a'='a", '1 UNION SELECT password_hash FROM users', '\\', "'", '$1', '?', ':name');

const numbers = fc.constantFrom('-1', '0', '1e309', '99999999999999999999', '1.5', 'NaN', 'Infinity', '0x10', ' 7 ', '٣', '１', '-0', '2147483648', '9007199254740993');

const oddText = fc.constantFrom('null', 'undefined', 'true', '[object Object]', '{}', '[]', '__proto__', 'constructor', '${7*7}', '{{7*7}}', '<%= 7*7 %>', '../../etc/passwd', '2025-02-30', '0000-00-00', '9999-12-31T99:99', ' ', '\t\n', '\r\n\r\n');

const unicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u202egnp.exe', '\u200b\u200b', '👩‍💻🏳️‍🌈', 'Ω≈ç√∫', 'İıŞş', 'Straße', '\ufeffBOM', 'e\u0301', '\ud800', 'Ｆｕｌｌ', 'Ярослава Ёлкина'),
);

const nul = fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`);

/** 1 MiB: past the body limit of urlencoded forms and the field limit of multipart forms. */
const huge = fc.constant('A'.repeat(1024 * 1024));
const long = fc.integer({ min: 121, max: 120_000 }).map((n) => 'x'.repeat(n));

/** Random and hostile text for any field. */
export const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: markup },
  { weight: 2, arbitrary: sql },
  { weight: 2, arbitrary: numbers },
  { weight: 2, arbitrary: oddText },
  { weight: 3, arbitrary: unicode },
  { weight: 2, arbitrary: nul },
  { weight: 1, arbitrary: long },
  { weight: 1, arbitrary: huge },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
);

/** A field's value: one string, the field repeated (an array on the server), or the field left out. */
export const fieldValue: fc.Arbitrary<FieldValue> = fc.oneof(
  { weight: 8, arbitrary: hostile },
  { weight: 1, arbitrary: fc.array(hostile, { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(MISSING) },
);

/** Values no enum, id, number, date or e-mail field may accept. */
export const strictGarbage = fc.constantFrom('\u0000', 'NaN', '-1', '-7', "1' OR '1'='1", '<x-probe-0>', '[]', 'true', '1e309', '１', '2025-13-45', 'x@');

/** Extra fields a browser would never send, including names that are special to JavaScript objects. */
export const extraName = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '_method', 'count', 'action', 'id', 'user_id', 'role'), fc.string({ maxLength: 12 }));

export const encoding = fc.constantFrom('form', 'form', 'form', 'form', 'form', 'multipart', 'json') as fc.Arbitrary<'form' | 'multipart' | 'json'>;

/** A file as an attacker might upload it: odd names, random or disguised content. */
export const upload = fc.record({
  name: fc.oneof(markup.map((m) => `${m}.pdf`), fc.constantFrom('../../x.pdf', 'cv.pdf', 'a\u0000b.pdf', '.htaccess', 'résumé.docx', ''), fc.string({ maxLength: 20 })),
  content: fc.oneof(fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)), fc.constant(Buffer.from('%PDF-1.4\n<x-probe-7>\n%%EOF\n')), fc.constant(Buffer.alloc(0))),
});
