import type { ReactNode } from 'react';

// A small, safe subset of Markdown: paragraphs, # headings, - lists, **bold**, *italic* and
// [links](https://…). Everything becomes React text nodes, so HTML typed into the body is shown
// as text, never rendered; links only to http(s).
const INLINE = /(\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\))/g;

function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `${m.index}`;
    if (m[2] !== undefined) out.push(<strong key={key}>{m[2]}</strong>);
    else if (m[3] !== undefined) out.push(<em key={key}>{m[3]}</em>);
    else
      out.push(
        <a key={key} href={m[5]} target="_blank" rel="noopener noreferrer nofollow">
          {m[4]}
        </a>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function block(text: string, key: number): ReactNode {
  const lines = text.split('\n');
  if (lines.every((l) => /^\s*[-*] /.test(l)))
    return (
      <ul key={key}>
        {lines.map((l, i) => (
          // Items have no identity but their place in the list.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={i}>{inline(l.replace(/^\s*[-*] /, ''))}</li>
        ))}
      </ul>
    );
  const heading = /^(#{1,3}) (.*)$/.exec(text);
  if (heading && lines.length === 1) {
    const level = heading[1]!.length;
    const content = inline(heading[2]!);
    return level === 1 ? <h3 key={key}>{content}</h3> : <h4 key={key}>{content}</h4>;
  }
  return <p key={key}>{inline(text)}</p>;
}

/** Text the operator typed, with the safe subset of Markdown above. */
export function SafeMarkdown({ text }: { text: string }) {
  return <div className="safe-markdown">{text.split(/\n\s*\n/).map((b, i) => block(b.trim(), i))}</div>;
}
