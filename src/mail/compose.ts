/** A message's content, in words already translated: rendered to both HTML and plain text. */
export interface MailContent {
  readonly subject: string;
  readonly greeting: string;
  readonly paragraphs: readonly string[];
  /** The one thing to do, as a link straight to it. */
  readonly action?: { readonly label: string; readonly url: string };
  readonly after?: readonly string[];
  readonly footer: string;
  /** Notifications only: why the recipient gets it, and links to stop it or choose others. */
  readonly optOut?: { readonly why: string; readonly unsubscribe: { readonly label: string; readonly url: string }; readonly choose: { readonly label: string; readonly url: string } };
}

export interface RenderedMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** The plain-text part: readable on its own, each link written out in full on its own line. */
function renderText(mail: MailContent): string {
  const lines = [mail.greeting, '', ...mail.paragraphs.flatMap((p) => [p, ''])];
  if (mail.action) lines.push(`${mail.action.label}:`, mail.action.url, '');
  for (const p of mail.after ?? []) lines.push(p, '');
  lines.push('-- ', mail.footer);
  if (mail.optOut) lines.push(mail.optOut.why, `${mail.optOut.unsubscribe.label}: ${mail.optOut.unsubscribe.url}`, `${mail.optOut.choose.label}: ${mail.optOut.choose.url}`);
  return `${lines.join('\n')}\n`;
}

/** The HTML part: plain markup with inline styles (mail clients drop style sheets), no images, nothing that tracks. */
function renderHtml(mail: MailContent, language: string): string {
  const p = (text: string, style = 'margin:0 0 16px') => `<p style="${style}">${escapeHtml(text)}</p>`;
  const link = (label: string, url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const parts = [p(mail.greeting), ...mail.paragraphs.map((text) => p(text))];
  if (mail.action) {
    parts.push(
      `<p style="margin:24px 0"><a href="${escapeHtml(mail.action.url)}" style="background:#1f5f8b;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none;display:inline-block">${escapeHtml(mail.action.label)}</a></p>`,
      p(mail.action.url, 'margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all'),
    );
  }
  for (const text of mail.after ?? []) parts.push(p(text));
  const footer = [escapeHtml(mail.footer)];
  if (mail.optOut) footer.push(escapeHtml(mail.optOut.why), `${link(mail.optOut.unsubscribe.label, mail.optOut.unsubscribe.url)} · ${link(mail.optOut.choose.label, mail.optOut.choose.url)}`);
  parts.push(`<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0 12px"><p style="margin:0;font-size:13px;color:#555555">${footer.join('<br>')}</p>`);
  return `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head><body style="font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;font-size:15px;line-height:1.5;color:#1b1b1b;max-width:560px;margin:0 auto;padding:24px">${parts.join('')}</body></html>`;
}

/** Renders a message both ways, from the same words. */
export function renderMail(mail: MailContent, language: string): RenderedMail {
  return { subject: mail.subject, text: renderText(mail), html: renderHtml(mail, language) };
}
