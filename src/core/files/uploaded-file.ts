/** The most an uploaded file (a bank statement, a document, a message's attachment) may hold. */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export interface FileKind {
  type: string;
  ext: string;
}

// What uploads may be, read from their first bytes, never from the name the sender gave.
const SIGNATURES: (FileKind & { magic: number[] })[] = [
  { type: 'application/pdf', ext: 'pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/png', ext: 'png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', ext: 'jpg', magic: [0xff, 0xd8, 0xff] },
];

/**
 * An uploaded file's kind (PDF, PNG or JPEG), or what is wrong with it in words for the sender:
 * empty (`attach the <what>`), over 2 MiB, or of another kind.
 */
export function checkUpload(file: Buffer, what: string): { kind: FileKind } | { problem: string } {
  if (file.length === 0) return { problem: `is empty: attach the ${what}` };
  if (file.length > MAX_UPLOAD_BYTES) return { problem: 'must be at most 2 MiB' };
  const found = SIGNATURES.find((s) => s.magic.every((b, i) => file[i] === b));
  return found
    ? { kind: { type: found.type, ext: found.ext } }
    : { problem: 'must be a PDF, PNG or JPEG file' };
}
