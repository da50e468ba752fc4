/** What a file really is, judged by its first bytes (its name can lie) and then its extension. */
export type FileKind = 'pdf' | 'docx' | 'text' | 'image' | 'doc' | 'zip' | 'unknown';

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  signature.every((value, index) => bytes[offset + index] === value);

export function sniffKind(head: Uint8Array, fileName: string): FileKind {
  // PDF: "%PDF-" may follow a few junk bytes; the spec allows it within the first 1024 bytes.
  const headText = new TextDecoder('latin1').decode(head.subarray(0, 1024));
  if (headText.includes('%PDF-')) return 'pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47]) || startsWith(head, [0xff, 0xd8, 0xff]) || headText.startsWith('GIF8')) return 'image';
  if (headText.startsWith('RIFF') && headText.slice(8, 12) === 'WEBP') return 'image';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image'; // TIFF
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'doc'; // Word 97-2003 (OLE container)
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return /\.docx$/i.test(fileName) ? 'docx' : 'zip';
  if (/\.(txt|md|markdown|text)$/i.test(fileName) || fileName === '') return looksLikeText(head) ? 'text' : 'unknown';
  return 'unknown';
}

/** Text files have no NUL bytes in their first kilobytes (UTF-16 aside, which resumes rarely use). */
function looksLikeText(head: Uint8Array): boolean {
  return !head.subarray(0, 4096).includes(0);
}
