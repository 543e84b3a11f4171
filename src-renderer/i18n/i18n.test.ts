import { describe, expect, it } from 'vitest';
import { ar } from './ar.js';
import { en } from './en.js';

/** Every leaf of a resource tree as `path → text`. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') {
      for (const [leaf, text] of leaves(value, path)) out.set(leaf, text);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const arabic = leaves(ar);
const english = leaves(en);

describe('console texts', () => {
  it('have exactly the same keys in Arabic and English', () => {
    expect([...arabic.keys()].sort()).toEqual([...english.keys()].sort());
  });

  for (const [language, texts] of [
    ['ar', arabic],
    ['en', english],
  ] as const) {
    it(`has no empty or non-text entry in ${language}`, () => {
      const bad = [...texts].filter(([, text]) => typeof text !== 'string' || text.trim() === '').map(([key]) => key);
      expect(bad).toEqual([]);
    });
  }

  it('uses the same placeholders in both languages', () => {
    const names = (text: unknown) => [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const differing = [...english].filter(([key, text]) => JSON.stringify(names(text)) !== JSON.stringify(names(arabic.get(key)))).map(([key]) => key);
    expect(differing).toEqual([]);
  });

  it('writes Arabic screen texts in Arabic script', () => {
    // names of languages and the product are the same in both; codes like YYYY-MM-DD are allowed inside Arabic text
    const sameByDesign = new Set(['app.name', 'language.ar', 'language.en']);
    const latinOnly = [...arabic].filter(([key, text]) => !sameByDesign.has(key) && !/[\u0600-\u06FF]/.test(String(text))).map(([key]) => key);
    expect(latinOnly).toEqual([]);
  });
});
