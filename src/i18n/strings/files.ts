import { defineStrings } from '../t';

/** Messages about reading files: each says what happened and what to do. */
export const fileStrings = defineStrings({
  en: {
    empty: 'This file is empty. Choose the file again, or paste the text.',
    tooLarge: 'This file is larger than {max}. Save a shorter version (for example without images), or paste the text.',
    textTooLarge: 'This text is too long ({max} at most). Paste only the part you want to analyse.',
    imageNotPdf: 'This file is an image, not a PDF (it may have been renamed). Export the document as a PDF with text, or paste the text.',
    scannedPdf: 'This PDF has no text layer: it looks scanned. Open the original document and export it as PDF again, run text recognition (OCR) first, or paste the text.',
    encryptedPdf: 'This PDF is password-protected. Save it without a password, or paste the text.',
    brokenFile: 'This file could not be read; it may be damaged or not what its name says. Save it again, or paste the text.',
    oldWord: 'This is an old Word document (.doc). Save it as .docx or PDF in Word, or paste the text.',
    unsupported: 'This file type is not supported. Use PDF, DOCX, TXT or MD, or paste the text.',
    noText: 'No text was found in this file. Check that it is the right file, or paste the text.',
    maxChars: '{n} characters',
    timeout: 'Reading this file took too long and was stopped. Try again; if it happens again, save the file as PDF or DOCX again, or paste the text.',
  },
  de: {
    empty: 'Diese Datei ist leer. Wählen Sie die Datei erneut oder fügen Sie den Text ein.',
    tooLarge: 'Diese Datei ist größer als {max}. Speichern Sie eine kürzere Fassung (zum Beispiel ohne Bilder) oder fügen Sie den Text ein.',
    textTooLarge: 'Dieser Text ist zu lang (höchstens {max}). Fügen Sie nur den Teil ein, den Sie analysieren möchten.',
    imageNotPdf: 'Diese Datei ist ein Bild, kein PDF (sie wurde vielleicht umbenannt). Exportieren Sie das Dokument als PDF mit Text oder fügen Sie den Text ein.',
    scannedPdf: 'Dieses PDF hat keine Textebene: Es sieht gescannt aus. Exportieren Sie das Originaldokument erneut als PDF, führen Sie zuerst eine Texterkennung (OCR) durch oder fügen Sie den Text ein.',
    encryptedPdf: 'Dieses PDF ist passwortgeschützt. Speichern Sie es ohne Passwort oder fügen Sie den Text ein.',
    brokenFile: 'Diese Datei konnte nicht gelesen werden; sie ist vielleicht beschädigt oder nicht das, was ihr Name sagt. Speichern Sie sie erneut oder fügen Sie den Text ein.',
    oldWord: 'Dies ist ein altes Word-Dokument (.doc). Speichern Sie es in Word als .docx oder PDF oder fügen Sie den Text ein.',
    unsupported: 'Dieser Dateityp wird nicht unterstützt. Verwenden Sie PDF, DOCX, TXT oder MD oder fügen Sie den Text ein.',
    noText: 'In dieser Datei wurde kein Text gefunden. Prüfen Sie, ob es die richtige Datei ist, oder fügen Sie den Text ein.',
    maxChars: '{n} Zeichen',
    timeout: 'Das Lesen dieser Datei hat zu lange gedauert und wurde abgebrochen. Versuchen Sie es erneut; passiert es wieder, speichern Sie die Datei erneut als PDF oder DOCX oder fügen Sie den Text ein.',
  },
});
