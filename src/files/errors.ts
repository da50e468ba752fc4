/** Why a file could not be turned into text; the UI words each one with what to do next. */
export type FileErrorCode =
  | 'empty'
  | 'tooLarge'
  | 'textTooLarge'
  | 'imageNotPdf'
  | 'scannedPdf'
  | 'encryptedPdf'
  | 'brokenFile'
  | 'oldWord'
  | 'unsupported'
  | 'noText'
  | 'timeout';

export class FileReadError extends Error {
  constructor(
    readonly code: FileErrorCode,
    detail = '',
  ) {
    super(detail || code);
    this.name = 'FileReadError';
  }
}
