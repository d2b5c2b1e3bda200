/**
 * Language rules of product search, shared by both backends: normalisation, Indonesian stop words,
 * synonyms, and typo tolerance (bounded edit distance). Pure functions, unit-tested.
 */

/** Lower case, accents removed, punctuation to spaces, single spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function tokenize(text: string): string[] {
  const n = normalizeText(text);
  return n ? n.split(" ") : [];
}

/** Common Indonesian function words that carry no meaning in a product search. */
export const STOP_WORDS = [
  "dan", "yang", "di", "ke", "dari", "untuk", "dengan", "atau", "ini", "itu", "per", "para", "pada", "dalam", "the", "and", "of", "for",
];
const STOP = new Set(STOP_WORDS);

/**
 * Two-way synonyms (each line: words that mean the same thing to a buyer). Single and multi-word.
 * Category keywords in the database add more words that find a category.
 */
export const SYNONYM_GROUPS: string[][] = [
  ["kue basah", "jajanan pasar", "jajan pasar"],
  ["keripik", "kripik"],
  ["kerupuk", "krupuk"],
  ["telur", "telor"],
  ["kopi", "coffee"],
  ["laundry", "londri", "binatu"],
  ["katering", "catering"],
  ["sabun", "soap"],
  ["camilan", "cemilan", "snack"],
  ["bawang merah", "brambang"],
];

/** Synonym map in Meilisearch's format: each term → its equivalents. */
export function synonymMap(): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const group of SYNONYM_GROUPS) for (const term of group) map[term] = group.filter((t) => t !== term);
  return map;
}

/** Shortest word for one typo, and for two typos (same values are given to Meilisearch). */
export const TYPO_MIN_ONE = 4;
export const TYPO_MIN_TWO = 8;

export function allowedTypos(word: string): number {
  if (word.length >= TYPO_MIN_TWO) return 2;
  if (word.length >= TYPO_MIN_ONE) return 1;
  return 0;
}

/** Damerau-Levenshtein (optimal string alignment) distance, giving up above `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevPrev = prev2;
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** A query term and the words that may stand for it. */
export type Term = {
  /** the word as typed (normalised) */
  word: string;
  /** words from the index within the allowed typos (the word itself excluded) */
  typos: string[];
  /** the last word of the query (Meilisearch matches only it as a prefix; the built-in index matches every word as a prefix) */
  prefix: boolean;
};

/** A query after parsing: groups of terms, any one group may be replaced by a synonym phrase. */
export type ParsedText = {
  terms: Term[];
  /** alternative phrases for the whole query or parts of it, from the synonym table */
  synonymPhrases: { replaces: string; phrase: string }[];
};

/**
 * Splits the text, drops stop words and words too short to search, finds typo variants in `vocabulary`
 * (the words of indexed products) and synonym phrases.
 */
export function parseText(text: string, vocabulary: Iterable<string> = []): ParsedText {
  const words = tokenize(text).filter((w) => !STOP.has(w));
  const vocab = [...vocabulary];
  const terms: Term[] = words
    .filter((w) => w.length >= 2)
    .map((word, i, all) => {
      const maxTypos = allowedTypos(word);
      const typos =
        maxTypos === 0
          ? []
          : vocab.filter((v) => v !== word && v[0] === word[0] && editDistance(word, v, maxTypos) <= maxTypos && !v.startsWith(word)).slice(0, 8);
      return { word, typos, prefix: i === all.length - 1 };
    });
  const joined = ` ${words.join(" ")} `;
  const synonymPhrases: ParsedText["synonymPhrases"] = [];
  for (const group of SYNONYM_GROUPS) {
    for (const term of group) {
      if (joined.includes(` ${term} `)) {
        for (const other of group) if (other !== term) synonymPhrases.push({ replaces: term, phrase: other });
      }
    }
  }
  return { terms, synonymPhrases };
}
