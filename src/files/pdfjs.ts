import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
// pdf.js's own worker file, served by the app (bundled by Vite), never from a CDN.
import pdfWorkerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

GlobalWorkerOptions.workerSrc = pdfWorkerUrl;

export { getDocument };
