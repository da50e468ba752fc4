/** Test strings: ESCO-style labels in six languages plus edge cases of the BERT text pipeline. */
const BASE = [
  'Softwareentwickler/Softwareentwicklerin',
  'director técnico/directora técnica',
  'Technischer Leiter für Bühne, Film und Fernsehen',
  'opérateur de tréfilerie/opératrice de tréfilerie',
  'leraar/lerares bijzonder kleuteronderwijs',
  'Técnico de equipamentos médicos',
  'TCP/IP engineer',
  'C++ developer (m/w/d)',
  'Sr. Java Dev — Full-Stack @ ACME!!',
  'Straßenbauer',
  'İstanbul office ﬁnance',
  'naïve café résumé coöperatie',
  '数据分析师 data analyst',
  'emoji 🚀 rocket scientist',
  'tab\tand\nnewline  spaces',
  'control\u0007char and\u200bzero width',
  'a'.repeat(120) + ' very long word',
  '',
  '   ',
  '¿Dónde está el baño? ¡Ahora!',
  'ÆØÅ æøå œuvre',
  'Ärztin für Allgemeinmedizin',
  'COVID-19 test coordinator',
  'ISO 9001:2015 auditor',
  "d'œuvre l'ingénieur",
];

const WORDS = [
  'manager', 'engineer', 'Leiter', 'Leiterin', 'técnico', 'opératrice', 'verkoper', 'assistente', 'Fachkraft',
  'Lagerlogistik', 'Gesundheits', 'und', 'Krankenpfleger', 'ingeniero', 'responsable', 'de', 'la', 'medewerker',
  'administratief', 'Bäcker', 'cuisinier', 'enfermero', 'soldador', 'Schweißer', 'developer', 'data', 'scientist',
  'sales', 'représentant', 'commercial', 'Maschinenbau', 'Ingenieur', 'verpleegkundige', 'gerente', 'operações',
  'logística', 'contabilista', 'Buchhalter', 'comptable', 'boekhouder', 'camarero', 'serveuse', 'Kellner',
];

/** Deterministic: the base strings, then 2,500 word combinations with mixed case and punctuation. */
export function escoLikeTexts(): string[] {
  const out = [...BASE];
  let seed = 12345;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const punct = [' ', ' ', ' ', '-', '/', ', ', ' (', ') ', '.', ' & '];
  for (let i = 0; i < 2500; i++) {
    const n = 1 + Math.floor(next() * 5);
    let s = '';
    for (let k = 0; k < n; k++) {
      let w = WORDS[Math.floor(next() * WORDS.length)];
      if (next() < 0.2) w = w.toUpperCase();
      if (next() < 0.15) w = w + WORDS[Math.floor(next() * WORDS.length)].toLowerCase();
      s += (k ? punct[Math.floor(next() * punct.length)] : '') + w;
    }
    out.push(s);
  }
  return out;
}
