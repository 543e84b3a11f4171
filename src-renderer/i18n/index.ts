import i18next, { type i18n as I18n, type InitOptions } from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Bilingual } from '../../src-shared/messages.js';
import type { AREAS } from '../areas.js';
import { COMMON_NAMESPACE, type Area, type Texts } from '../kit/area.js';
import { commonAr } from './common.ar.js';
import { commonEn } from './common.en.js';

export type Language = 'ar' | 'en';

export type CommonTexts = Texts<typeof commonEn>;

/**
 * The console's texts as i18next holds them: the shared namespace and one
 * namespace per area, typed from the list of areas. An area's screens call
 * `useTranslation('<area>')` and may use its keys and the shared ones; a key
 * of another area does not compile there.
 */
export type Resources = { [COMMON_NAMESPACE]: CommonTexts } & { [A in (typeof AREAS)[number] as A['id']]: A['texts']['ar'] };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof COMMON_NAMESPACE;
    fallbackNS: typeof COMMON_NAMESPACE;
    resources: Resources;
  }
}

const STORAGE_KEY = 'px360.language';

/** The language before anyone signs in: the last one chosen on this machine, Arabic by default. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
}

function applyToDocument(language: Language): void {
  const root = document.documentElement;
  root.lang = language;
  // Mantine's DirectionProvider watches this attribute and follows it.
  root.dir = language === 'ar' ? 'rtl' : 'ltr';
}

export const i18n = i18next.createInstance();

/**
 * i18next's settings for the console's texts: the shared namespace and one
 * per area, the shared texts read wherever an area's own have no such key.
 */
export function i18nOptions(areas: readonly Area[], language: Language): InitOptions {
  const texts = (pick: (texts: Area['texts']) => unknown) => Object.fromEntries(areas.map((area) => [area.id, pick(area.texts)]));
  return {
    resources: {
      ar: { [COMMON_NAMESPACE]: commonAr, ...texts((t) => t.ar) },
      en: { [COMMON_NAMESPACE]: commonEn, ...texts((t) => t.en) },
    },
    ns: [COMMON_NAMESPACE, ...areas.map((area) => area.id)],
    defaultNS: COMMON_NAMESPACE,
    fallbackNS: COMMON_NAMESPACE,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  };
}

export function initI18n(areas: readonly Area[]): typeof i18n {
  const language = storedLanguage();
  void i18n.use(initReactI18next).init(i18nOptions(areas, language));
  applyToDocument(language);
  return i18n;
}

/** Show the console in a language: texts, direction, and the choice remembered on this machine. */
export function applyLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private mode: the choice lasts for this window only
  }
  applyToDocument(language);
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

export function useLanguage(): Language {
  const { i18n: instance } = useTranslation();
  return instance.language === 'en' ? 'en' : 'ar';
}

/** Counts with Latin digits and thousands separators in either language, as everywhere in the console. */
export function useNumberFormat(): Intl.NumberFormat {
  const language = useLanguage();
  return useMemo(() => new Intl.NumberFormat(language === 'ar' ? 'ar-SA-u-nu-latn' : 'en-GB'), [language]);
}

/** The text of a bilingual message from the station, in the reader's language. */
export function pick(message: Bilingual, language: Language): string {
  return message[language];
}

/** The name of a hospital, department, person… in the reader's language (the other one if blank). */
export function localName(entity: { nameAr: string; nameEn: string }, language: Language): string {
  const preferred = language === 'ar' ? entity.nameAr : entity.nameEn;
  return preferred.trim() !== '' ? preferred : language === 'ar' ? entity.nameEn : entity.nameAr;
}

/** One shared console text in both languages, for errors the console itself raises (kept bilingual so they follow a switch). */
export function both(select: (texts: CommonTexts) => string): Bilingual {
  return { en: select(commonEn), ar: select(commonAr) };
}

type LookUp = (key: string, options: { ns: string | readonly string[] }) => string;

/**
 * `t` for a namespace known only at run time (a page's label, in its
 * area's texts). i18next's typings follow a namespace named in the code, so
 * the key must be checked where it is written (`defineArea` checks labels).
 */
export function lookUpIn(instance: I18n): (key: string, ns: string | readonly string[]) => string {
  const lookUp = instance.t.bind(instance) as LookUp;
  return (key, ns) => lookUp(key, { ns });
}

export function useLookUp(): (key: string, ns: string | readonly string[]) => string {
  const { i18n: instance } = useTranslation();
  return lookUpIn(instance);
}
