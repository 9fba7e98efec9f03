/** A local path to return to after a form, or the fallback: never another origin (`//host`, `/\host`, `https:`). */
export function safeLocalPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.includes('\\') || [...value].some((ch) => ch.charCodeAt(0) < 0x20)) return fallback;
  return value;
}
