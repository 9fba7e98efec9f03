import { BODY_MARK, pageBytes } from '../../../src/web/render';

describe('pageBytes: a page as UTF-8, the layout and its body encoded apart', () => {
  const layout = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><nav><button title="Русский">RU</button></nav><main>${BODY_MARK}</main><footer>– end</footer></body></html>`;
  const whole = (title: string, body: string) => layout(title).split(BODY_MARK).join(body);

  it.each([
    ['English, Latin-1 only', 'Compare', '<table><tr><td>Chloé</td><td>4.5</td></tr></table>'],
    ['beyond Latin-1', 'Сравнение', '<p>Продажи — 4.5 → 5 ✓ 😀</p>'],
    ['empty', 'Empty', ''],
    ['holding what String.replace would read as patterns', 'Patterns', "<p>$& $' $` $$ $1</p>"],
  ])('when the body is %s, then the bytes are the page with the body where the layout has it, once', (_case, title, body) => {
    const bytes = pageBytes(layout(title), body);
    expect(bytes.toString('utf8')).toBe(whole(title, body));
    expect(bytes.length).toBe(Buffer.byteLength(whole(title, body)));
    expect(bytes.toString('utf8')).not.toContain(BODY_MARK);
  });

  it('when a layout leaves the body out, then the bytes are the layout alone', () => {
    const html = '<p>Page without its body – Русский</p>';
    expect(pageBytes(html, '<p>never shown</p>').toString('utf8')).toBe(html);
  });

  it('when the mark is made, then it is an HTML comment no page or template could hold by chance', () => {
    expect(BODY_MARK).toMatch(/^<!--body [0-9a-f-]{36}-->$/);
  });
});
