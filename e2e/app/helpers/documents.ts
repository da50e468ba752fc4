import { randomBytes } from 'node:crypto';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Document, Packer, Paragraph, TextRun, HeadingLevel } from 'docx';

/**
 * Real documents made in the test: a PDF with a text layer (pdf-lib) and a DOCX (docx), so the
 * app's parsers meet the same structures as users' files.
 */

/** An English resume of a registered nurse (no name: it is not a real person). */
export const NURSE_RESUME = [
  'Registered Nurse',
  'Profile',
  'Registered nurse with eight years of experience in acute care hospital wards and home care.',
  'Experience',
  'Staff nurse, surgical ward, city hospital (2018 – today)',
  'Assess patients on admission, plan and document nursing care, and monitor vital signs after surgery.',
  'Administer medication and intravenous fluids according to prescriptions and hospital protocols.',
  'Provide wound care and change dressings, and prevent infection with hygiene procedures.',
  'Educate patients and their families about medication, diet and care after discharge.',
  'Work with doctors, physiotherapists and social workers in a multidisciplinary team.',
  'Home care nurse, community nursing service (2015 – 2018)',
  'Visited elderly and chronically ill patients at home; managed diabetes care and palliative care.',
  'Supported patients with personal hygiene and mobility, and kept nursing records.',
  'Education',
  'Bachelor of Science in Nursing; certificate in basic life support and resuscitation.',
  'Languages: English, German.',
];

export async function makePdf(lines: string[], options: { attachmentBytes?: number } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  let page = pdf.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    for (const part of wrap(line, 90)) {
      if (y < 50) {
        page = pdf.addPage([595, 842]);
        y = 800;
      }
      page.drawText(part, { x: 50, y, size: 11, font });
      y -= 16;
    }
  }
  if (options.attachmentBytes) {
    // A big embedded file makes a real, valid PDF of the wanted size.
    // Random bytes do not compress, so the file really has that size.
    const filler = new Uint8Array(randomBytes(options.attachmentBytes));
    await pdf.attach(filler, 'scan.bin', { mimeType: 'application/octet-stream' });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A PDF whose only page has no text at all, like a scan (a drawn rectangle, no text layer). */
export async function makeScannedLikePdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 40, y: 40, width: 515, height: 762, borderWidth: 2 });
  return Buffer.from(await pdf.save());
}

export async function makeDocx(lines: string[]): Promise<Buffer> {
  const doc = new Document({
    sections: [
      {
        children: lines.map((line, index) =>
          index === 0
            ? new Paragraph({ text: line, heading: HeadingLevel.HEADING_1 })
            : new Paragraph({ children: [new TextRun(line)] }),
        ),
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function wrap(line: string, width: number): string[] {
  const words = line.split(' ');
  const out: string[] = [];
  let current = '';
  for (const word of words) {
    if ((current + ' ' + word).trim().length > width) {
      out.push(current);
      current = word;
    } else current = (current + ' ' + word).trim();
  }
  if (current) out.push(current);
  return out;
}
