/**
 * Importing candidates from a spreadsheet saved as CSV: reading the bytes (UTF-8 with or without a
 * BOM, or Windows-1251 as Russian Excel saves it), finding the delimiter, guessing which column is
 * which field from headers in English or Russian, checking each row as the candidate form would,
 * and deciding per row what the import does: create a candidate, join one already known by e-mail
 * (in the database or earlier in the same file), or refuse it with the reasons.
 */
import { parse } from 'csv-parse/sync';
import type { MessageKey } from '../i18n/i18n';
import { type CandidateSource, normaliseLinkedInUrl } from './candidate';
import type { CandidateInput } from './candidates.repository';

/** The largest file and the most rows (besides the header) one import takes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;
/** The most columns (the preview shows a choice for each; a form takes a bounded number of fields). */
export const MAX_IMPORT_COLUMNS = 100;

export const ENCODING_CHOICES = ['auto', 'utf-8', 'windows-1251'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];
export type Encoding = Exclude<EncodingChoice, 'auto'>;

export const DELIMITER_CHOICES = ['auto', 'comma', 'semicolon', 'tab'] as const;
export type DelimiterChoice = (typeof DELIMITER_CHOICES)[number];
export type Delimiter = Exclude<DelimiterChoice, 'auto'>;
const DELIMITER_CHARS: Readonly<Record<Delimiter, string>> = { comma: ',', semicolon: ';', tab: '\t' };

/**
 * The file's text: the encoding chosen, or with 'auto' UTF-8 when the bytes are valid UTF-8 and
 * Windows-1251 otherwise. A UTF-8 byte-order mark is dropped (by the UTF-8 decoder itself).
 */
export function decodeBytes(bytes: Uint8Array, choice: EncodingChoice): { text: string; encoding: Encoding } {
  if (choice === 'windows-1251') return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  if (choice === 'utf-8') return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1251').decode(bytes), encoding: 'windows-1251' };
  }
}

/** How many times `char` occurs outside quotes in each of the first `limit` records of `text`. */
function countsPerRecord(text: string, char: string, limit: number): number[] {
  const counts: number[] = [];
  let quoted = false;
  let count = 0;
  let empty = true;
  for (let i = 0; i < text.length && counts.length < limit; i += 1) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (!empty) counts.push(count);
      count = 0;
      empty = true;
      continue;
    } else if (!quoted && c === char) count += 1;
    empty = false;
  }
  if (!empty && counts.length < limit) counts.push(count);
  return counts;
}

/**
 * The delimiter of a CSV text: of comma, semicolon and tab, the one that splits the most of the
 * first 20 records into the same number of fields (more fields win a tie; then comma, semicolon,
 * tab in that order). Comma when none occurs.
 */
export function detectDelimiter(text: string): Delimiter {
  let best: { delimiter: Delimiter; agreeing: number; fields: number } = { delimiter: 'comma', agreeing: 0, fields: 0 };
  for (const delimiter of ['comma', 'semicolon', 'tab'] as const) {
    const counts = countsPerRecord(text, DELIMITER_CHARS[delimiter], 20);
    const header = counts[0] ?? 0;
    if (header === 0) continue;
    const agreeing = counts.filter((n) => n === header).length;
    if (agreeing > best.agreeing || (agreeing === best.agreeing && header > best.fields)) best = { delimiter, agreeing, fields: header };
  }
  return best.delimiter;
}

export type ParsedCsv = { ok: true; header: string[]; rows: string[][] } | { ok: false; error: MessageKey; params?: Record<string, number> };

/**
 * Parses the text with csv-parse: the first record is the header; records of empty cells only are
 * skipped; short records are padded with empty cells. Refuses a binary file (NUL characters: an
 * Excel workbook saved as .xlsx), an unreadable text (an unclosed quote), a file without data rows,
 * more than `MAX_IMPORT_ROWS` rows, and more than `MAX_IMPORT_COLUMNS` columns.
 */
export function parseCsv(text: string, delimiter: Delimiter): ParsedCsv {
  // No text file holds NUL characters (and PostgreSQL stores none): an .xlsx or another binary file.
  if (text.includes('\u0000')) return { ok: false, error: 'import.error.notCsv' };
  let records: string[][];
  try {
    records = parse(text, { delimiter: DELIMITER_CHARS[delimiter], bom: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: 1_000_000 }) as string[][];
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    return { ok: false, error: 'import.error.unreadable', params: { line: typeof line === 'number' ? line : 1 } };
  }
  const filled = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  const [header, ...rows] = filled;
  if (!header || rows.length === 0) return { ok: false, error: 'import.error.noRows' };
  if (rows.length > MAX_IMPORT_ROWS) return { ok: false, error: 'import.error.tooManyRows', params: { n: rows.length, max: MAX_IMPORT_ROWS } };
  const width = rows.reduce((w, r) => Math.max(w, r.length), header.length);
  if (width > MAX_IMPORT_COLUMNS) return { ok: false, error: 'import.error.tooManyColumns', params: { n: width, max: MAX_IMPORT_COLUMNS } };
  const pad = (r: string[]) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r);
  return { ok: true, header: pad(header).map((h) => h.trim()), rows: rows.map(pad) };
}

/** The fields a column may fill ('notes' may be several columns, joined). */
export const IMPORT_FIELDS = ['name', 'first_name', 'last_name', 'email', 'phone', 'linkedin_url', 'source', 'referrer', 'notes'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Per column, the field it fills, or '' to skip it. */
export type ColumnMapping = readonly (ImportField | '')[];

/** Headers as people write them, reduced to lower-case letters and digits (ё as е). */
const HEADER_WORDS: Readonly<Record<ImportField, readonly string[]>> = {
  name: ['name', 'fullname', 'candidate', 'candidatename', 'фио', 'имя', 'полноеимя', 'кандидат', 'фамилияимя', 'фамилияимяотчество'],
  first_name: ['firstname', 'givenname', 'first', 'имяотчество'],
  last_name: ['lastname', 'surname', 'familyname', 'last', 'фамилия'],
  email: ['email', 'mail', 'emailaddress', 'почта', 'электроннаяпочта', 'элпочта', 'эпочта', 'емейл', 'имейл', 'емаил', 'адресэлектроннойпочты', 'email1'],
  phone: ['phone', 'phonenumber', 'mobile', 'tel', 'telephone', 'cell', 'телефон', 'мобильный', 'тел', 'номертелефона', 'мобильныйтелефон'],
  linkedin_url: ['linkedin', 'linkedinurl', 'linkedinprofile', 'profile', 'линкедин', 'профильlinkedin', 'ссылканаlinkedin'],
  source: ['source', 'origin', 'channel', 'источник', 'канал', 'откуда'],
  referrer: ['referrer', 'referredby', 'referral', 'рекомендатель', 'ктопорекомендовал', 'рекомендовал', 'порекомендовал'],
  notes: ['notes', 'note', 'comment', 'comments', 'remarks', 'заметки', 'заметка', 'комментарий', 'комментарии', 'примечание', 'примечания'],
};

function headerKey(header: string): string {
  return header.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Which field each column fills, from its header: each field but notes goes to the first column
 * whose header names it; notes to every such column; others are skipped. With "Name" absent and
 * first and last names present, those fill the name.
 */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const taken = new Set<ImportField>();
  return header.map((h) => {
    const key = headerKey(h);
    const field = IMPORT_FIELDS.find((f) => HEADER_WORDS[f].includes(key));
    if (!field || (field !== 'notes' && taken.has(field))) return '';
    taken.add(field);
    return field;
  });
}

/** A mapping as posted (any values): unknown fields become skipped columns, and a field other than notes keeps only its first column. */
export function cleanMapping(values: readonly unknown[], width: number): ColumnMapping {
  const taken = new Set<ImportField>();
  return Array.from({ length: width }, (_, i) => {
    const v = values[i];
    const field = IMPORT_FIELDS.find((f) => f === v);
    if (!field || (field !== 'notes' && taken.has(field))) return '';
    taken.add(field);
    return field;
  });
}

const SOURCE_WORDS: Readonly<Record<CandidateSource, readonly string[]>> = {
  referral: ['referral', 'referred', 'reference', 'recommendation', 'рекомендация', 'реферал', 'реферальный', 'порекомендации', 'рекомендации'],
  inbound: ['inbound', 'applied', 'website', 'site', 'careers', 'отклик', 'входящий', 'сайт', 'откликнулся'],
  outbound: ['outbound', 'sourced', 'sourcing', 'linkedin', 'headhunting', 'исходящий', 'поиск', 'сорсинг', 'хантинг'],
  agency: ['agency', 'recruitmentagency', 'агентство', 'кадровоеагентство', 'рекрутинговоеагентство'],
  other: ['other', 'другое', 'прочее', 'иное'],
};

/** A source as a spreadsheet names it (English or Russian); undefined when not recognised. */
export function guessSource(value: string): CandidateSource | undefined {
  const key = headerKey(value);
  return (Object.keys(SOURCE_WORDS) as CandidateSource[]).find((s) => SOURCE_WORDS[s].includes(key));
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A row's candidate as the form would save it. */
export type ImportedCandidate = CandidateInput;

/** A refused row keeps its name and e-mail as written, to be recognised in the preview. */
export type CheckedRow = { ok: true; candidate: ImportedCandidate } | { ok: false; reasons: MessageKey[]; name: string; email: string };

/**
 * Checks one row against the candidate form's rules: a name (the mapped name, or first and last
 * name together; at most 120 characters), an e-mail that is empty or plausible, a phone of digits
 * and the usual separators, a LinkedIn profile address, a recognised source (`defaultSource` when
 * the cell is empty or no column is mapped) with its referrer for a referral, notes up to 5000
 * characters. Every reason is given, not only the first.
 */
export function checkRow(row: readonly string[], mapping: ColumnMapping, defaultSource: CandidateSource): CheckedRow {
  const cell = (field: ImportField) => {
    const i = mapping.indexOf(field);
    return i === -1 ? '' : (row[i] ?? '').trim();
  };
  const reasons: MessageKey[] = [];
  const name = (cell('name') || [cell('first_name'), cell('last_name')].filter((v) => v !== '').join(' ')).replace(/\s+/g, ' ');
  if (name === '') reasons.push('import.refused.name');
  else if (name.length > 120) reasons.push('import.refused.nameLong');
  const email = cell('email').toLowerCase();
  if (email !== '' && !(email.length <= 254 && EMAIL.test(email))) reasons.push('import.refused.email');
  const phone = cell('phone');
  if (phone !== '' && !/^[+()\d\s.-]{5,40}$/.test(phone)) reasons.push('import.refused.phone');
  const linkedinUrl = cell('linkedin_url').length > 500 ? undefined : normaliseLinkedInUrl(cell('linkedin_url'));
  if (linkedinUrl === undefined) reasons.push('import.refused.linkedin');
  const sourceText = cell('source');
  const source = sourceText === '' ? defaultSource : guessSource(sourceText);
  if (source === undefined) reasons.push('import.refused.source');
  const referrer = cell('referrer');
  if (source === 'referral' && referrer === '') reasons.push('import.refused.referrer');
  if (referrer.length > 120) reasons.push('import.refused.referrerLong');
  const notes = mapping
    .map((f, i) => (f === 'notes' ? (row[i] ?? '').replace(/\r\n?/g, '\n').trim() : ''))
    .filter((v) => v !== '')
    .join('\n');
  if (notes.length > 5000) reasons.push('import.refused.notesLong');
  if (reasons.length > 0 || source === undefined || linkedinUrl === undefined) return { ok: false, reasons, name, email };
  const sourceDetail = source === 'referral' ? referrer : source === 'inbound' ? 'applied' : '';
  return { ok: true, candidate: { name, email, phone, linkedinUrl, source, sourceDetail, notes } };
}

/** What the database knows of a row's e-mail: the candidate holding it, and whether they apply to the chosen opening already. */
export interface KnownCandidate {
  readonly candidateId: number;
  readonly inOpening: boolean;
}

/** What the import does with one row (`row` is its number in the spreadsheet, the header being row 1). */
export type PlannedRow =
  | { readonly row: number; readonly kind: 'create'; readonly candidate: ImportedCandidate }
  | { readonly row: number; readonly kind: 'join'; readonly candidate: ImportedCandidate; readonly candidateId: number }
  | { readonly row: number; readonly kind: 'join'; readonly candidate: ImportedCandidate; readonly sameAsRow: number }
  | { readonly row: number; readonly kind: 'refuse'; readonly reasons: readonly MessageKey[]; readonly name: string; readonly email: string };

/**
 * The plan of the import, row by row, the way the careers page joins applicants: a row whose e-mail
 * a candidate holds joins them (their details stay as recorded; with an opening chosen, they apply
 * to it — refused when they apply there already); a row whose e-mail an earlier row of the file
 * brings joins that row's candidate; any other valid row creates a candidate. Invalid rows are
 * refused with their reasons.
 */
export function planImport(checked: readonly CheckedRow[], known: ReadonlyMap<string, KnownCandidate>, withOpening: boolean): PlannedRow[] {
  const firstRowOf = new Map<string, number>();
  return checked.map((c, i): PlannedRow => {
    const row = i + 2;
    if (!c.ok) return { row, kind: 'refuse', reasons: c.reasons, name: c.name, email: c.email };
    const { email } = c.candidate;
    if (email === '') return { row, kind: 'create', candidate: c.candidate };
    const earlier = firstRowOf.get(email);
    if (earlier !== undefined) return { row, kind: 'join', candidate: c.candidate, sameAsRow: earlier };
    const existing = known.get(email);
    if (existing && withOpening && existing.inOpening) return { row, kind: 'refuse', reasons: ['import.refused.inOpening'], name: c.candidate.name, email };
    firstRowOf.set(email, row);
    return existing ? { row, kind: 'join', candidate: c.candidate, candidateId: existing.candidateId } : { row, kind: 'create', candidate: c.candidate };
  });
}

/** How many rows the plan creates, joins and refuses. */
export function summarisePlan(plan: readonly PlannedRow[]): { created: number; joined: number; refused: number } {
  return {
    created: plan.filter((p) => p.kind === 'create').length,
    joined: plan.filter((p) => p.kind === 'join').length,
    refused: plan.filter((p) => p.kind === 'refuse').length,
  };
}

/** The e-mails of the valid rows (to look up known candidates), each once. */
export function emailsOf(checked: readonly CheckedRow[]): string[] {
  return [...new Set(checked.flatMap((c) => (c.ok && c.candidate.email !== '' ? [c.candidate.email] : [])))];
}
