/** A form as a browser would submit it untouched: its fields in order (a name may repeat). */
export interface ScrapedForm {
  readonly action: string;
  readonly multipart: boolean;
  readonly fields: [string, string][];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, code: string) => {
    if (ENTITIES[code]) return ENTITIES[code];
    if (code.startsWith('#x')) return String.fromCodePoint(parseInt(code.slice(2), 16));
    if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
    return whole;
  });
}

function attr(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:="([^"]*)"|(?=[\\s>/]))`, 'i').exec(tag);
  if (!match) return undefined;
  return decode(match[1] ?? '');
}

/** Every POST form on a page, with the values a browser would send (the first option of a select without a selection). */
export function scrapeForms(html: string): ScrapedForm[] {
  const forms: ScrapedForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const [, attrs, inner] = match as unknown as [string, string, string];
    if ((attr(`<form ${attrs}`, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const action = (attr(`<form ${attrs}`, 'action') ?? '').split('?')[0]!;
    const multipart = /multipart\/form-data/i.test(attrs);
    const fields: [string, string][] = [];
    for (const control of inner.matchAll(/<(input|select|textarea)\b([^>]*)>([\s\S]*?<\/\1>)?/gi)) {
      const [, kind, tagAttrs, rest] = control as unknown as [string, string, string, string | undefined];
      const tag = `<${kind} ${tagAttrs}>`;
      const name = attr(tag, 'name');
      if (!name || name === '_csrf' || attr(tag, 'disabled') !== undefined) continue;
      if (kind.toLowerCase() === 'input') {
        const type = (attr(tag, 'type') ?? 'text').toLowerCase();
        if (['submit', 'button', 'reset', 'file', 'image'].includes(type)) continue;
        if ((type === 'checkbox' || type === 'radio') && attr(tag, 'checked') === undefined) continue;
        fields.push([name, attr(tag, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
      } else if (kind.toLowerCase() === 'textarea') {
        fields.push([name, decode((rest ?? '').replace(/<\/textarea>$/i, ''))]);
      } else {
        const options = [...(rest ?? '').matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)].map(([, a, label]) => ({ value: attr(`<option ${a}>`, 'value') ?? decode(label ?? '').trim(), selected: attr(`<option ${a}>`, 'selected') !== undefined }));
        const selected = options.filter((o) => o.selected);
        if (attr(tag, 'multiple') !== undefined) for (const o of selected) fields.push([name, o.value]);
        else if (options.length > 0) fields.push([name, (selected[0] ?? options[0]!).value]);
      }
    }
    forms.push({ action, multipart, fields });
  }
  return forms;
}
