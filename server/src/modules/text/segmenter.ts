import { Jieba } from '@node-rs/jieba';
import { dict as defaultDict } from '@node-rs/jieba/dict';

import { DEFAULT_DOMAIN_WORDS, normalizeDictionaryWord } from './dictionary';
import { STOP_WORDS } from './segmenter-stopwords';

/** jieba frequency given to domain words: high enough that they win over their parts. */
const DOMAIN_WORD_FREQ = 200_000;
const DROP = /^[\p{P}\p{S}\p{Z}\p{C}]+$/u;
const SINGLE_LATIN = /^[a-z]$/;

export interface Segmenter {
  /**
   * Content tokens of a text: jieba words without stop words, punctuation and single letters.
   * `hmm` (default true) lets jieba find words missing from its dictionaries.
   */
  segment(text: string, hmm?: boolean): string[];
  /** The domain words loaded on top of jieba's dictionary (defaults plus the deployment's). */
  words(): readonly string[];
}

/** Text normalisation before cutting: NFKC (full-width → half-width), lower case, trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/** Keeps the tokens that carry meaning (see segmenter-stopwords.ts). */
export function contentTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tokens) {
    const c = raw.charCodeAt(0);
    // Fast path: a token starting with a CJK ideograph is neither punctuation nor a letter.
    if (c >= 0x4e00 && c <= 0x9fff) {
      if (!STOP_WORDS.has(raw)) {
        out.push(raw);
      }
      continue;
    }
    const t = raw.trim();
    if (t.length === 0 || DROP.test(t) || SINGLE_LATIN.test(t) || STOP_WORDS.has(t)) {
      continue;
    }
    out.push(t);
  }
  return out;
}

function dictLines(words: Iterable<string>): Buffer {
  let s = '';
  for (const w of words) {
    s += `${w} ${DOMAIN_WORD_FREQ} n\n`;
  }
  return Buffer.from(s, 'utf8');
}

/**
 * A jieba segmenter with jieba's default dictionary (shipped in the package, nothing is
 * downloaded) plus the domain dictionary. `extraWords` are the deployment's own words.
 */
export function createSegmenter(extraWords: readonly string[] = []): Segmenter {
  const words = new Set<string>();
  for (const w of [...DEFAULT_DOMAIN_WORDS, ...extraWords]) {
    const n = normalizeDictionaryWord(w);
    if (n) {
      words.add(n);
    }
  }
  const jieba = Jieba.withDict(defaultDict);
  jieba.loadDict(dictLines(words));
  const list = [...words];
  return {
    segment(text: string, hmm = true): string[] {
      const t = normalizeText(text);
      return t.length === 0 ? [] : contentTokens(jieba.cut(t, hmm));
    },
    words: () => list,
  };
}
