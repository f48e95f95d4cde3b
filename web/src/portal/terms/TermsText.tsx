/** Plain text with blank lines between paragraphs, as the operator typed it (never as HTML). */
export function TermsText({ text }: { text: string }) {
  return (
    <div className="terms-text">
      {text.split(/\n\s*\n/).map((paragraph, i) => (
        // Paragraphs have no identity of their own; their order is the text's.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <p key={i}>{paragraph}</p>
      ))}
    </div>
  );
}
