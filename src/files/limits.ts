/**
 * Size limits, checked on the file's size BEFORE anything is read or parsed, so a huge file
 * cannot freeze the tab. A long resume is ~10 pages ≈ 30,000 characters; the limits leave room.
 */
export const MAX_FILE_BYTES = 10_000_000;
/** Plain-text files (.txt, .md) and pasted text. */
export const MAX_TEXT_BYTES = 500_000;
/** Characters of text handed to the matcher (pasted or extracted). */
export const MAX_TEXT_CHARS = 200_000;

export const ACCEPTED_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md'];
