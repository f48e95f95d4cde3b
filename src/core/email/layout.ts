export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/**
 * One message in both forms from the same parts, so the text and HTML versions never drift:
 * paragraphs, an optional call-to-action link, and a closing note.
 */
export function render(parts: {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}): Rendered {
  const text = [
    parts.greeting,
    ...parts.paragraphs,
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`] : []),
    ...(parts.footer ? [parts.footer] : []),
  ].join('\n\n');
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = parts.action
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(parts.action.url)}" style="display:inline-block;padding:10px 18px;background:#2451b7;color:#fff;border-radius:6px;text-decoration:none">${escapeHtml(parts.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:12px;color:#555">${escapeHtml(parts.action.url)}</p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;font-size:15px;color:#222;max-width:560px;margin:24px auto">${p(parts.greeting)}${parts.paragraphs.map(p).join('')}${button}${parts.footer ? `<p style="margin:0;font-size:12px;color:#777">${escapeHtml(parts.footer)}</p>` : ''}</body></html>`;
  return { subject: parts.subject, text: `${text}\n`, html };
}
