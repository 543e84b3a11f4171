import i18next from 'i18next';
import { useMemo } from 'react';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Bilingual } from '../../src-shared/messages.js';
import { ar } from './ar.js';
import { en, type Resources } from './en.js';

export type Language = 'ar' | 'en';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
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

export function initI18n(): typeof i18n {
  const language = storedLanguage();
  void i18n.use(initReactI18next).init({
    resources: { ar: { translation: ar }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
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

/** One console text in both languages, for errors the console itself raises (kept bilingual so they follow a switch). */
export function both(select: (texts: Resources) => string): Bilingual {
  return { en: select(en), ar: select(ar) };
}
