/** An absolute link to a page of Salesbench, built from the configured public address (never a request's Host header). */
export function absoluteUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The link of an invite token. */
export function inviteUrl(publicUrl: string, token: string): string {
  return absoluteUrl(publicUrl, `/invite/${encodeURIComponent(token)}`);
}
