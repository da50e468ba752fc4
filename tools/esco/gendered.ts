/**
 * German, Spanish, French, Portuguese and some Dutch ESCO labels name both genders in one string
 * ("Lehrer/Lehrerin", "director técnico/directora técnica", "Pfleger/in", "leraar/lerares
 * bijzonder kleuteronderwijs"). Indexing and training want each variant as its own label, while
 * slashes that join different things ("TCP/IP engineer", "audio/visual technician",
 * "Import-/Exportmanager") must stay as they are. The test for "the same word in another gender"
 * is a shared beginning of at least three letters (after lowercasing and removing accents).
 */

const FEMININE_SUFFIXES = new Set(['in', '-in', 'innen', '-innen', 'a', 'e', 'ne', 'ess', 'esse', 'euse', 'trice']);

function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

function sharedPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Two words that look like the masculine and feminine form of one word. */
function sameWordOtherGender(a: string, b: string): boolean {
  const fa = fold(a);
  const fb = fold(b);
  if (!/^\p{L}/u.test(fa) || !/^\p{L}/u.test(fb)) return false;
  return sharedPrefixLength(fa, fb) >= Math.min(3, fa.length, fb.length) && Math.min(fa.length, fb.length) >= 3;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}

/** "A/B" where A and B are whole labels: same first word in two genders, same end or same length. */
function splitWholeLabel(label: string): [string, string] | undefined {
  for (let i = label.indexOf('/'); i >= 0; i = label.indexOf('/', i + 1)) {
    const left = label.slice(0, i).trim();
    const right = label.slice(i + 1).trim();
    const lw = words(left);
    const rw = words(right);
    if (lw.length === 0 || rw.length === 0) continue;
    if (!sameWordOtherGender(lw[0], rw[0])) continue;
    const sameEnd = lw.length > 1 && rw.length > 1 && fold(lw[lw.length - 1]) === fold(rw[rw.length - 1]);
    const sameLength = lw.length === rw.length;
    if (sameEnd || sameLength) return [left, right];
  }
  return undefined;
}

/** Word-level alternatives ("leraar/lerares", "Pfleger/in") expanded in parallel, not crossed. */
function splitWords(label: string): string[] {
  const tokens = label.split(/(\s+)/);
  let gendered = 0;
  const forms = tokens.map((token): [string, string] => {
    const parts = token.split('/');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return [token, token];
    const [a, b] = parts;
    if (FEMININE_SUFFIXES.has(b) && /\p{L}$/u.test(a)) {
      gendered++;
      return [a, a + b.replace(/^-/, '')];
    }
    if (sameWordOtherGender(a, b)) {
      gendered++;
      return [a, b];
    }
    return [token, token];
  });
  if (gendered === 0) return [label];
  return [forms.map((f) => f[0]).join(''), forms.map((f) => f[1]).join('')];
}

export function splitGenderedLabel(label: string): string[] {
  const trimmed = label.trim().replace(/^\/+|\/+$/g, '').trim();
  if (!trimmed.includes('/')) return trimmed ? [trimmed] : [];
  const whole = splitWholeLabel(trimmed);
  const variants = whole ? whole.flatMap(splitWords) : splitWords(trimmed);
  return [...new Set(variants.map((v) => v.replace(/\s+/g, ' ').trim()).filter((v) => v.length > 0))];
}
