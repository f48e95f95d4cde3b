/** A picked file as the APIs take it: its name and its bytes in base64. */
export async function toUpload(file: File): Promise<{ file_name: string; content_base64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { file_name: file.name, content_base64: btoa(binary) };
}

export const toUploads = (files: File[]) => Promise.all(files.map(toUpload));

export const STATUS_LABEL: Record<string, string> = {
  open: 'Open',
  answered: 'Answered',
  accepted: 'Accepted',
  rejected: 'Rejected: answer again',
};
