import ejs from 'ejs';
import { escapeHtml } from '../../../src/web/escape';

describe('escapeHtml', () => {
  const values: unknown[] = [undefined, null, '', 'Anna Smith', 'Chloé Ivanov', 42, 0, 3.5, true, 'a & b', '<script>alert("x")</script>', "it's", '&amp;', `"'<>&`, ['a<b', 'c'], { toString: () => 'x>y' }];

  it('when a value is printed, then it reads exactly as with EJS’s own escaping', () => {
    for (const value of values) expect(escapeHtml(value)).toBe(ejs.escapeXML(value as string));
  });

  it('when a value holds markup, then every special character is an entity and nothing else changes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&#34;x&#34; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('plain text, no markup')).toBe('plain text, no markup');
  });
});
