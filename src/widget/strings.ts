/** The widget's few words, in English and German (other languages fall back to English). */
const STRINGS = {
  en: {
    titles: 'Job title',
    resume: 'Resume or job ad text',
    skills: 'Skill or activity',
    submit: 'Match',
    loading: 'Loading the model (first time only)…',
    working: 'Matching…',
    occupations: 'Occupations',
    skillsHeading: 'Skills',
    none: 'No match found.',
    empty: 'Enter some text first.',
    attribution: 'This service uses the ESCO classification of the European Commission. Your text stays on this device.',
  },
  de: {
    titles: 'Berufsbezeichnung',
    resume: 'Lebenslauf oder Stellenanzeige',
    skills: 'Kompetenz oder Tätigkeit',
    submit: 'Zuordnen',
    loading: 'Modell wird geladen (nur beim ersten Mal) …',
    working: 'Wird zugeordnet …',
    occupations: 'Berufe',
    skillsHeading: 'Kompetenzen',
    none: 'Keine Zuordnung gefunden.',
    empty: 'Bitte zuerst einen Text eingeben.',
    attribution: 'Dieser Dienst nutzt die ESCO-Klassifikation der Europäischen Kommission. Ihr Text bleibt auf diesem Gerät.',
  },
} as const;

export type WidgetStringKey = keyof (typeof STRINGS)['en'];

export function widgetText(lang: string, key: WidgetStringKey): string {
  return (lang === 'de' ? STRINGS.de : STRINGS.en)[key];
}
