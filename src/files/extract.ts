import { sniffKind } from './detect';
import { FileReadError } from './errors';
import { MAX_TEXT_CHARS } from './limits';

/**
 * Turns a file's bytes into plain text. Runs inside the parsing worker (parse.worker.ts):
 * PDF through pdf.js's text layer, DOCX through mammoth's raw-text extraction (never HTML).
 */
export async function extractText(bytes: ArrayBuffer, fileName: string): Promise<{ text: string; pages?: number }> {
  if (bytes.byteLength === 0) throw new FileReadError('empty');
  const kind = sniffKind(new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 4096)), fileName);
  switch (kind) {
    case 'pdf':
      return extractPdf(bytes);
    case 'docx':
      return { text: await extractDocx(bytes) };
    case 'text':
      return { text: checkText(new TextDecoder('utf-8').decode(bytes)) };
    case 'image':
      throw new FileReadError('imageNotPdf');
    case 'doc':
      throw new FileReadError('oldWord');
    default:
      throw new FileReadError('unsupported');
  }
}

function checkText(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
  if (clean.trim().length === 0) throw new FileReadError('noText');
  if (clean.length > MAX_TEXT_CHARS) throw new FileReadError('textTooLarge');
  return clean;
}

async function extractPdf(bytes: ArrayBuffer): Promise<{ text: string; pages: number }> {
  const pdfjs = await import('./pdfjs');
  let document;
  try {
    document = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  } catch (error) {
    const name = (error as { name?: string })?.name;
    if (name === 'PasswordException') throw new FileReadError('encryptedPdf');
    throw new FileReadError('brokenFile', error instanceof Error ? error.message : String(error));
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let line = '';
      const lines: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        } else if (item.str && !line.endsWith(' ')) {
          line += ' ';
        }
      }
      if (line) lines.push(line);
      pages.push(lines.map((l) => l.replace(/[ \t]+/g, ' ').trim()).join('\n'));
      page.cleanup();
    }
    const text = pages.join('\n\n').trim();
    // A scanned PDF has pages but (almost) no characters in its text layer.
    const letters = text.replace(/[^\p{L}]/gu, '').length;
    if (letters < 20 * Math.min(document.numPages, 3)) throw new FileReadError('scannedPdf');
    return { text: checkText(text), pages: document.numPages };
  } finally {
    await document.destroy();
  }
}

async function extractDocx(bytes: ArrayBuffer): Promise<string> {
  const mammoth = await import('mammoth');
  let result;
  try {
    result = await (mammoth.default ?? mammoth).extractRawText({ arrayBuffer: bytes });
  } catch (error) {
    throw new FileReadError('brokenFile', error instanceof Error ? error.message : String(error));
  }
  return checkText(result.value.replace(/\n{3,}/g, '\n\n'));
}
