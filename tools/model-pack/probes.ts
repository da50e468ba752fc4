import type { EmbedRole } from '../../workers/engine/models/recipe';
export type { ProbesFile } from '../../workers/engine/backend/parity';

/**
 * Texts every package is checked with: both roles, several languages, short and long, so a backend
 * that drifts on any of them (fp16 overflow, a broken quantized kernel) shows up in the parity check.
 */
export const PROBE_TEXTS: { text: string; role: EmbedRole }[] = [
  { text: 'Software developer with experience in Python and cloud services', role: 'query' },
  { text: 'Krankenpfleger im Schichtdienst auf der Intensivstation', role: 'query' },
  { text: 'enfermera de cuidados intensivos', role: 'document' },
  { text: 'manage a project budget', role: 'document' },
  { text: 'Welders join metal parts using manual or semi-automatic welding equipment and read technical drawings.', role: 'document' },
  { text: 'chauffeur poids lourd, permis C, transport international', role: 'query' },
  { text: 'We are looking for a data analyst who builds dashboards, cleans data sets, writes SQL queries and explains results to the business in plain language; experience with statistics is a plus.', role: 'query' },
];

