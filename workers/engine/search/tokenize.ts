/**
 * Word tokens for the lexical (BM25) index, the same for ESCO labels and for user text:
 * Unicode letters/digits only, lowercased, accents folded ("técnico" = "tecnico", "Bäcker" =
 * "backer", "ß" = "ss") so users who type without accents still match. A slash separates words,
 * so gendered labels ("Lehrer/Lehrerin", "director técnico/directora técnica") index every form.
 */

const WORD = /[\p{L}\p{N}]+[+#]*/gu;

/** Lowercase, accents removed, ß → ss. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/ß/g, 'ss').toLowerCase();
}

/** Folded word tokens; keeps "c++", "c#" as one token. */
export function wordTokens(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * Short function words that carry no signal in job titles and skill labels, per language (a small
 * list on purpose: BM25's idf already discounts frequent words; these are only the ones that make
 * long queries slow and noisy).
 */
const STOPWORDS = new Set(
  (
    'a an and as at by for from in into of on or the to with ' +
    'der die das den dem des ein eine einer eines einem und oder fur mit von zu im in am an auf bei ' +
    'el la los las un una unos unas y o de del en con para por al ' +
    'le la les un une des et ou de du en avec pour par au aux ' +
    'de het een en of van voor met in op aan bij ' +
    'o a os as um uma e ou de do da dos das em no na com para por'
  ).split(' '),
);

export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}
