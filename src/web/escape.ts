const SPECIAL = /[&<>'"]/;
const SPECIAL_EACH = /[&<>'"]/g;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };

/**
 * What `<%= %>` prints: EJS's own escaping (the same five entities, nothing for null or
 * undefined), without a replace pass over text that needs none — most values on a page are
 * names, numbers and ids, and a large page escapes thousands of them.
 */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(SPECIAL_EACH, (c) => ENTITIES[c]!) : text;
}
