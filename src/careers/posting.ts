import MarkdownIt from 'markdown-it';

/** The kinds of work a posting offers, and their schema.org `employmentType`. */
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'internship'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

export const SCHEMA_EMPLOYMENT_TYPES: Readonly<Record<EmploymentType, string>> = {
  full_time: 'FULL_TIME',
  part_time: 'PART_TIME',
  contract: 'CONTRACTOR',
  internship: 'INTERN',
};

export function isEmploymentType(value: unknown): value is EmploymentType {
  return (EMPLOYMENT_TYPES as readonly unknown[]).includes(value);
}

/** A slug: lower-case letters and digits in words joined by single hyphens, at most this long. */
export const SLUG_MAX = 80;
export function isValidSlug(value: string): boolean {
  return value.length <= SLUG_MAX && /^[a-z0-9-]+$/.test(value) && !value.startsWith('-') && !value.endsWith('-') && !value.includes('--');
}

const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/**
 * A slug made from a title: accents dropped (so ё reads e and й reads i), Cyrillic transliterated, every run of other characters
 * a single hyphen, cut at a word boundary to fit. '' when nothing usable is left.
 */
export function slugFrom(title: string): string {
  const latin = [...title.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')].map((ch) => CYRILLIC[ch] ?? ch).join('');
  const slug = latin.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  if (slug.length <= SLUG_MAX) return slug;
  // Cut after the last whole word that fits; a single word longer than that is cut where it must be.
  const end = slug.lastIndexOf('-', SLUG_MAX);
  return end === -1 ? slug.slice(0, SLUG_MAX) : slug.slice(0, end);
}

/** The first of `base`, `base-2`, `base-3`… that `taken` does not hold. */
export function firstFreeSlug(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, SLUG_MAX - suffix.length).replace(/-$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Links a description may hold: web pages and e-mail addresses, nothing that runs. */
export function isAllowedLink(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

function createMarkdown(): MarkdownIt {
  // No HTML at all: what looks like a tag is shown as text. No images: a posting loads nothing from elsewhere.
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.disable(['image']);
  md.validateLink = isAllowedLink;
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  // The posting's own title is the page's one h1: the description's headings follow from h2, never skipping a level.
  md.core.ruler.push('nested_headings', (state) => {
    const levels = state.tokens.filter((token) => token.type === 'heading_open').map((token) => Number(token.tag.slice(1)));
    const top = Math.min(...levels);
    let previous = 1;
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open') return;
      const level = Math.min(6, Number(token.tag.slice(1)) - top + 2, previous + 1);
      previous = level;
      token.tag = `h${level}`;
      // A heading is always its opening tag, its text, and its closing tag.
      state.tokens[index + 2]!.tag = token.tag;
    });
  });
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet('rel', 'nofollow noopener');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const MARKDOWN = createMarkdown();

/** HTML that was made safe here (rendered from Markdown without HTML), and only that, may be printed unescaped. */
export interface SafeHtml {
  readonly html: string;
}

/** A description as HTML: Markdown without raw HTML, images or any link but http(s) and mailto; links get rel="nofollow noopener". */
export function renderDescription(markdown: string): SafeHtml {
  return { html: MARKDOWN.render(markdown) };
}

/** A description as plain text (for schema.org and the list): the words of the Markdown, paragraphs on their own lines. */
export function descriptionText(markdown: string): string {
  // Only inline tokens (a paragraph's or a heading's text) have children.
  return MARKDOWN.parse(markdown, {})
    .map((token) =>
      (token.children ?? [])
        .map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : child.type === 'softbreak' || child.type === 'hardbreak' ? ' ' : ''))
        .join(''),
    )
    .filter((line) => line !== '')
    .join('\n');
}

/** What a public posting says of itself to search engines (schema.org JobPosting). */
export interface JobPostingFacts {
  readonly title: string;
  readonly description: string;
  readonly datePosted: string;
  readonly employmentType: EmploymentType;
  readonly companyName: string;
  readonly location: string;
  readonly url: string;
}

/** The JobPosting object: the description as text, the date as a day, the location as a place. */
export function jobPostingJsonLd(facts: JobPostingFacts): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    title: facts.title,
    description: descriptionText(facts.description),
    datePosted: facts.datePosted.slice(0, 10),
    employmentType: SCHEMA_EMPLOYMENT_TYPES[facts.employmentType],
    hiringOrganization: { '@type': 'Organization', name: facts.companyName },
    ...(facts.location ? { jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: facts.location } } } : {}),
    url: facts.url,
  };
}

/**
 * JSON that may stand inside a `<script>` element: nothing in it can close the element or open a
 * comment (`<`, `>` and `&` are written as escapes, and so are the two line separators JavaScript
 * once refused in strings).
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
