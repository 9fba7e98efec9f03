import path from 'node:path';
import ejs from 'ejs';
import { parseSearchQuery } from '../../../src/search/search-text';
import { buildSnippet, type Snippet } from '../../../src/search/snippet';

const candidate = {
  name: 'Alexander Ivanov',
  email: 'big.eyes@example.com',
  phone: '+1 (912) 555-0102',
  notes: 'Met at a fair.',
  resume: 'Account executive for five years. I sold to banks in Frankfurt and Zurich,\nspeaking German with clients every day. Before that I was selling payroll software to retailers in Berlin.',
};

const snippet = (q: string, data: Partial<typeof candidate> = {}, width?: number) => buildSnippet({ ...candidate, ...data }, parseSearchQuery(q)!, width);

/** The partial the list renders a snippet with, for the exact HTML a reader gets. */
function render(s: Snippet): string {
  return ejs.render('<%- include("/partials/search-snippet", { snippet }) %>', { snippet: s, t: (key: string, params?: Record<string, string>) => (params ? `${key}(${params.field})` : key) }, { root: path.resolve('views') }).trim();
}

describe('snippets', () => {
  it('when a résumé word matches, then a window around it is shown with the match marked and … where the text was cut', () => {
    expect(snippet('banks', {}, 40)).toEqual({
      field: 'resume',
      parts: [
        { text: '…I sold to ', mark: false },
        { text: 'banks', mark: true },
        { text: ' in Frankfurt and Zurich…', mark: false },
      ],
    });
  });

  it('when a word is typed in another form, then the form in the text is marked ("sells" finds "selling")', () => {
    expect(snippet('sells', {}, 50)).toEqual({
      field: 'resume',
      parts: [
        { text: '…that I was ', mark: false },
        { text: 'selling', mark: true },
        { text: ' payroll software to retailers…', mark: false },
      ],
    });
  });

  it('when several terms match, then the window with the most different ones is chosen and line breaks become spaces', () => {
    expect(snippet('german banks', {}, 80)).toEqual({
      field: 'resume',
      parts: [
        { text: '…for five years. I sold to ', mark: false },
        { text: 'banks', mark: true },
        { text: ' in Frankfurt and Zurich, speaking ', mark: false },
        { text: 'German', mark: true },
        { text: ' with…', mark: false },
      ],
    });
  });

  it('when a Russian word matches in another form, then it is marked ("продажи" finds "продаж")', () => {
    expect(snippet('продажи', { resume: 'Рост продаж на 40%.' })).toEqual({ field: 'resume', parts: [{ text: 'Рост ', mark: false }, { text: 'продаж', mark: true }, { text: ' на 40%.', mark: false }] });
  });

  it('when the name and the résumé match the same number of terms, then the name is shown', () => {
    expect(snippet('ivanov', { resume: 'Ivanov and partners' })).toEqual({ field: 'name', parts: [{ text: 'Alexander ', mark: false }, { text: 'Ivanov', mark: true }] });
  });

  it('when the résumé matches more terms than the name, then the résumé is shown', () => {
    expect(snippet('ivanov frankfurt zurich', {}, 60)!.field).toBe('resume');
  });

  it('when the last word is the start of a name, then the name word is marked whole', () => {
    expect(snippet('ale')).toEqual({ field: 'name', parts: [{ text: 'Alexander', mark: true }, { text: ' Ivanov', mark: false }] });
    // A start of a word in the notes is no match.
    expect(snippet('fai')).toBeUndefined();
  });

  it('when a part of the e-mail is typed, then those words of the address are marked', () => {
    expect(snippet('eyes')).toEqual({ field: 'email', parts: [{ text: 'big.', mark: false }, { text: 'eyes', mark: true }, { text: '@example.com', mark: false }] });
    expect(snippet('example.com')).toEqual({ field: 'email', parts: [{ text: 'big.eyes@', mark: false }, { text: 'example', mark: true }, { text: '.', mark: false }, { text: 'com', mark: true }] });
  });

  it('when phone digits are typed in any form, then the phone is shown marked; three digits are not a phone part', () => {
    const marked = { field: 'phone', parts: [{ text: '+1 (912) 555-0102', mark: true }] };
    expect(snippet('9125550102')).toEqual(marked);
    expect(snippet('912.555.0102')).toEqual(marked);
    expect(snippet('5550')).toEqual(marked);
    expect(snippet('555')).toBeUndefined();
    expect(snippet('0103')).toBeUndefined();
  });

  it('when nothing of the candidate matches (found by the start of the whole name), then there is no snippet', () => {
    expect(snippet('alexander iv')).toEqual({ field: 'name', parts: [{ text: 'Alexander', mark: true }, { text: ' ', mark: false }, { text: 'Ivanov', mark: true }] });
    expect(snippet('zzz')).toBeUndefined();
  });

  it('when a short text matches, then it is shown whole without …', () => {
    expect(snippet('fair')).toEqual({ field: 'notes', parts: [{ text: 'Met at a ', mark: false }, { text: 'fair', mark: true }, { text: '.', mark: false }] });
  });

  it('when the notes hold markup, then the snippet shows it as text: escaped, and only the matches in <mark>', () => {
    const s = snippet('script', { notes: 'Said <script>alert("x")</script> & left' })!;
    expect(s.parts).toEqual([
      { text: 'Said <', mark: false },
      { text: 'script', mark: true },
      { text: '>alert("x")</', mark: false },
      { text: 'script', mark: true },
      { text: '> & left', mark: false },
    ]);
    expect(render(s)).toBe(
      '<small class="search-snippet"><span class="muted">candidates.matchedIn(candidates.matchField.notes)</span> Said &lt;<mark>script</mark>&gt;alert(&#34;x&#34;)&lt;/<mark>script</mark>&gt; &amp; left</small>',
    );
  });
});

describe('snippets at their edges', () => {
  it('when a phone part is typed after a word found nowhere, then the phone is still marked', () => {
    expect(snippet('zzz 5550', { name: 'No Match' })).toEqual({ field: 'phone', parts: [{ text: '+1 (912) 555-0102', mark: true }] });
  });

  it('when the last word is the start of an e-mail word, then it is marked there', () => {
    expect(snippet('ey')).toEqual({ field: 'email', parts: [{ text: 'big.', mark: false }, { text: 'eyes', mark: true }, { text: '@example.com', mark: false }] });
  });

  it('when the text is exactly as long as the window, then it is shown whole', () => {
    expect(snippet('fair', { notes: 'x'.repeat(36) + ' fair' }, 41)).toEqual({ field: 'notes', parts: [{ text: `${'x'.repeat(36)} `, mark: false }, { text: 'fair', mark: true }] });
  });
});

describe('choosing the window', () => {
  const long = `German first. ${'filler words here '.repeat(10)}Sold to banks, speaking German daily. ${'more filler text '.repeat(5)}The end.`;

  it('when one match stands alone early and two different ones together later, then the later window is shown', () => {
    expect(snippet('german banks', { resume: long }, 60)).toEqual({
      field: 'resume',
      parts: [
        { text: '…words here Sold to ', mark: false },
        { text: 'banks', mark: true },
        { text: ', speaking ', mark: false },
        { text: 'German', mark: true },
        { text: ' daily. more filler…', mark: false },
      ],
    });
  });

  it('when the only match is early, then the window starts at the text\'s start with no … before it', () => {
    expect(snippet('german', { resume: long }, 30)).toEqual({ field: 'resume', parts: [{ text: 'German', mark: true }, { text: ' first. filler words…', mark: false }] });
  });

  it('when the matched text has white space at its ends and inside, then the ends are dropped and runs become one space', () => {
    expect(snippet('fair', { notes: '  Met \n\n at a   fair  ' })).toEqual({ field: 'notes', parts: [{ text: 'Met at a ', mark: false }, { text: 'fair', mark: true }] });
  });
});
