import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { AREAS, PAGES } from '../areas.js';
import { COMMON_NAMESPACE } from '../kit/area.js';
import { commonAr } from './common.ar.js';
import { commonEn } from './common.en.js';
import { i18nOptions, lookUpIn } from './index.js';

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
});

describe('the texts as i18next reads them', () => {
  const reader = i18next.createInstance();
  void reader.init(i18nOptions(AREAS, 'en'));

  it("reads an area's own texts in its namespace", () => {
    expect(reader.t('templates.title', { ns: 'journeys' })).toBe('Journey templates');
  });

  it('reads the shared texts from an area', () => {
    expect(reader.t('common.save', { ns: 'journeys' })).toBe('Save');
  });

  it("does not read another area's texts from an area", () => {
    // @ts-expect-error -- a key of the users area does not compile in the journeys area
    expect(reader.t('users.title', { ns: 'journeys' })).toBe('users.title');
  });

  it('reads a key of any area when asked across every namespace (record labels)', () => {
    expect(lookUpIn(reader)('employees.linkedUser', reader.options.ns ?? [])).toBe('Console account');
  });

  it('names every page in the navigation, in both languages', async () => {
    const unnamed = async (language: 'ar' | 'en') => {
      await reader.changeLanguage(language);
      return PAGES.filter((page) => lookUpIn(reader)(page.label, page.area) === page.label).map((page) => `${language}:${page.key}`);
    };
    expect([...(await unnamed('en')), ...(await unnamed('ar'))]).toEqual([]);
  });

  it('speaks Arabic in every namespace', async () => {
    await reader.changeLanguage('ar');
    expect(reader.t('complaints.nav', { ns: 'complaints' })).toBe('الشكاوى');
    expect(reader.t('common.save', { ns: 'patients' })).toBe('حفظ');
  });
});
