import { descriptionText, firstFreeSlug, isAllowedLink, isEmploymentType, isValidSlug, jobPostingJsonLd, renderDescription, scriptSafeJson, slugFrom, SLUG_MAX } from '../../../src/careers/posting';

describe('slugs', () => {
  it.each([
    ['Account Executive', 'account-executive'],
    ['  Senior AE, DACH  ', 'senior-ae-dach'],
    ['Café Manager (m/f/d)', 'cafe-manager-m-f-d'],
    ['Менеджер по продажам', 'menedzher-po-prodazham'],
    ['Щука ёж', 'shchuka-ezh'],
    ['SDR – Inbound #2', 'sdr-inbound-2'],
    ['!!!', ''],
    ['абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'abvgdeezhziiklmnoprstufkhtschshshchyeyuya'],
    ['АБВ', 'abv'],
    [' -- a -- ', 'a'],
    ['a  b', 'a-b'],
    ['', ''],
  ])('when the title is %j, then the slug is %j', (title, slug) => {
    expect(slugFrom(title)).toBe(slug);
  });

  it('when a title is long, then its slug is cut after the last whole word that fits within the limit', () => {
    const eighty = `${'abcd-'.repeat(15)}abcd`;
    expect(eighty).toHaveLength(SLUG_MAX - 1);
    expect(slugFrom(`${eighty}x`)).toBe(`${eighty}x`);
    expect(slugFrom(`${eighty}xy`)).toBe(`${'abcd-'.repeat(14)}abcd`);
    expect(slugFrom(`${eighty} x`)).toBe(eighty);
    expect(slugFrom(`${'word '.repeat(30)}end`)).toBe(Array.from({ length: 16 }, () => 'word').join('-'));
    expect(slugFrom('x'.repeat(100))).toBe('x'.repeat(SLUG_MAX));
    expect(slugFrom(`${'x'.repeat(100)} y`)).toBe('x'.repeat(SLUG_MAX));
  });

  it.each([
    ['account-executive', true],
    ['ae2', true],
    ['a', true],
    ['', false],
    ['-', false],
    ['-ae', false],
    ['ae-', false],
    ['a--e', false],
    ['Account', false],
    ['a_e', false],
    ['a e', false],
    ['a'.repeat(SLUG_MAX), true],
    ['a'.repeat(SLUG_MAX + 1), false],
  ])('when a typed slug is %j, then it is valid: %s', (slug, valid) => {
    expect(isValidSlug(slug)).toBe(valid);
  });

  it('when the slug is taken, then the next numbered one that is free is used, kept within the limit', () => {
    expect(firstFreeSlug('ae', new Set())).toBe('ae');
    expect(firstFreeSlug('ae', new Set(['ae']))).toBe('ae-2');
    expect(firstFreeSlug('ae', new Set(['ae', 'ae-2', 'ae-3']))).toBe('ae-4');
    const long = 'a'.repeat(SLUG_MAX);
    expect(firstFreeSlug(long, new Set([long]))).toBe(`${'a'.repeat(SLUG_MAX - 2)}-2`);
    expect(firstFreeSlug('ab-cd', new Set(['ab-cd']))).toBe('ab-cd-2');
  });

  it('when a cut slug would end in a hyphen, then the hyphen goes before the number is added', () => {
    const base = `${'a'.repeat(SLUG_MAX - 3)}-bc`;
    expect(firstFreeSlug(base, new Set([base]))).toBe(`${'a'.repeat(SLUG_MAX - 3)}-2`);
  });
});

describe('descriptions', () => {
  it('when a description holds raw HTML, then it is shown as text', () => {
    expect(renderDescription('<script>alert(1)</script>').html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expect(renderDescription('a <b>b</b>').html).toBe('<p>a &lt;b&gt;b&lt;/b&gt;</p>\n');
  });

  it('when a description links to web pages, mail, or anything else, then only http(s) and mailto become links, with rel="nofollow noopener"', () => {
    expect(renderDescription('[x](https://e.com)').html).toBe('<p><a href="https://e.com" rel="nofollow noopener">x</a></p>\n');
    expect(renderDescription('[x](http://e.com)').html).toBe('<p><a href="http://e.com" rel="nofollow noopener">x</a></p>\n');
    expect(renderDescription('[x](mailto:a@e.com)').html).toBe('<p><a href="mailto:a@e.com" rel="nofollow noopener">x</a></p>\n');
    expect(renderDescription('[x](javascript:alert(1))').html).toBe('<p>[x](javascript:alert(1))</p>\n');
    expect(renderDescription('[x](data:text/html,hi)').html).toBe('<p>[x](data:text/html,hi)</p>\n');
    expect(renderDescription('[x](/relative)').html).toBe('<p>[x](/relative)</p>\n');
    expect(renderDescription('see https://e.com/jobs').html).toBe('<p>see <a href="https://e.com/jobs" rel="nofollow noopener">https://e.com/jobs</a></p>\n');
  });

  it('when a description has an image, then no image is loaded', () => {
    expect(renderDescription('![logo](https://e.com/x.png)').html).not.toContain('<img');
  });

  it('when a description has quotes and dashes, then they stay as typed', () => {
    expect(renderDescription('"a" -- b...').html).toBe('<p>&quot;a&quot; -- b...</p>\n');
  });

  it('when a description is Markdown, then its formatting is kept', () => {
    expect(renderDescription('# Role\n\n- one\n- **two**').html).toBe('<h2>Role</h2>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n');
  });

  it('when a description has headings, then they follow the posting’s title from h2, never skipping a level', () => {
    expect(renderDescription('## Do\n\n###### Small').html).toBe('<h2>Do</h2>\n<h3>Small</h3>\n');
    expect(renderDescription('### A\n\n#### B\n\n### C').html).toBe('<h2>A</h2>\n<h3>B</h3>\n<h2>C</h2>\n');
    expect(renderDescription('#### A\n\n# B\n\n## C').html).toBe('<h2>A</h2>\n<h2>B</h2>\n<h3>C</h3>\n');
    expect(renderDescription('# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n\n###### 6').html).toBe('<h2>1</h2>\n<h3>2</h3>\n<h4>3</h4>\n<h5>4</h5>\n<h6>5</h6>\n<h6>6</h6>\n');
    expect(renderDescription('no headings').html).toBe('<p>no headings</p>\n');
  });

  it.each([
    ['https://e.com', true],
    ['HTTP://e.com', true],
    ['  https://e.com', true],
    ['mailto:x@e.com', true],
    ['javascript:alert(1)', false],
    ['ftp://e.com', false],
    ['//e.com', false],
    ['https:e.com', false],
    ['xhttps://e.com', false],
    ['javascript:alert("https://e.com")', false],
  ])('when a link is %j, then it is allowed: %s', (url, allowed) => {
    expect(isAllowedLink(url)).toBe(allowed);
  });

  it('when a description is read as text, then its words remain, a line per block, without markup', () => {
    expect(descriptionText('# Role\n\nWe **sell** `CRM`.\nEvery day.\n\n- one\n- [two](https://e.com)\n\n<b>x</b>')).toBe('Role\nWe sell CRM. Every day.\none\ntwo\n<b>x</b>');
    expect(descriptionText('')).toBe('');
    expect(descriptionText('#\n\nA  \nB')).toBe('A B');
  });
});

describe('schema.org JobPosting', () => {
  const facts = { title: 'AE', description: 'We **sell**.', datePosted: '2026-03-04T10:00:00.000Z', employmentType: 'contract' as const, companyName: 'Acme', location: 'Berlin', url: 'https://jobs.example/jobs/ae' };

  it('when a posting is described, then title, text, day, type, company and place are given', () => {
    expect(jobPostingJsonLd(facts)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'AE',
      description: 'We sell.',
      datePosted: '2026-03-04',
      employmentType: 'CONTRACTOR',
      hiringOrganization: { '@type': 'Organization', name: 'Acme' },
      jobLocation: { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Berlin' } },
      url: 'https://jobs.example/jobs/ae',
    });
  });

  it.each([
    ['full_time', 'FULL_TIME'],
    ['part_time', 'PART_TIME'],
    ['contract', 'CONTRACTOR'],
    ['internship', 'INTERN'],
  ] as const)('when the work is %s, then employmentType is %s', (type, schema) => {
    expect(jobPostingJsonLd({ ...facts, employmentType: type }).employmentType).toBe(schema);
  });

  it('when no location is given, then no place is claimed', () => {
    expect(jobPostingJsonLd({ ...facts, location: '' })).not.toHaveProperty('jobLocation');
  });

  it('when JSON goes into a script element, then nothing in it can end the element, and it still parses to the same value', () => {
    const value = { t: '</script><!-- & \u2028\u2029 >' };
    const json = scriptSafeJson(value);
    expect(json).toBe('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it.each([
    ['full_time', true],
    ['internship', true],
    ['freelance', false],
    [undefined, false],
    [['full_time'], false],
  ])('when the type is %j, then it is a known type: %s', (type, known) => {
    expect(isEmploymentType(type)).toBe(known);
  });
});
