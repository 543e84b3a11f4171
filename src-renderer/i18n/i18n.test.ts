import { describe, expect, it } from 'vitest';
import { AREAS, PAGES } from '../areas.js';
import { COMMON_NAMESPACE } from '../kit/navigation.js';
import { commonAr } from './common.ar.js';
import { commonEn } from './common.en.js';

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

/** The shared texts and every area's, as `namespace:key → text`. */
const NAMESPACES = [{ id: COMMON_NAMESPACE, texts: { en: commonEn, ar: commonAr } }, ...AREAS];
const inAll = (language: 'ar' | 'en') =>
  new Map(NAMESPACES.flatMap(({ id, texts }) => [...leaves(texts[language] as object)].map(([key, text]) => [`${id}:${key}`, text] as const)));
const arabic = inAll('ar');
const english = inAll('en');

describe('console texts', () => {
  it('have exactly the same keys in Arabic and English, in every namespace', () => {
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
    const sameByDesign = new Set(['common:app.name', 'common:language.ar', 'common:language.en']);
    const latinOnly = [...arabic].filter(([key, text]) => !sameByDesign.has(key) && !/[\u0600-\u06FF]/.test(String(text))).map(([key]) => key);
    expect(latinOnly).toEqual([]);
  });

  it('names each top-level group in one namespace only, so a key read across namespaces finds one text', () => {
    const owners = new Map<string, string[]>();
    for (const { id, texts } of NAMESPACES) for (const group of Object.keys(texts.en as object)) owners.set(group, [...(owners.get(group) ?? []), id]);
    expect([...owners].filter(([, ids]) => ids.length > 1)).toEqual([]);
  });

  it('has a navigation label for every page, in both languages', () => {
    const missing = PAGES.filter((page) => !english.has(`${page.area}:${page.label}`) || !arabic.has(`${page.area}:${page.label}`)).map((page) => page.key);
    expect(missing).toEqual([]);
  });
});
