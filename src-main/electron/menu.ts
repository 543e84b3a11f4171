import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../src-shared/bridge.js';
import type { Language } from '../../src-shared/contract/common.js';

/*
 * The native menu in Arabic or English. Pure: it returns a template and the
 * main process builds it, so the wording and the wiring are testable without
 * an Electron runtime.
 */

/** Latin text inside an Arabic label is wrapped in bidi isolates (FSI … PDI) so "PX360" never reorders the words around it. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

interface MenuLabels {
  readonly station: string;
  readonly lock: string;
  readonly quit: string;
  readonly edit: string;
  readonly undo: string;
  readonly redo: string;
  readonly cut: string;
  readonly copy: string;
  readonly paste: string;
  readonly selectAll: string;
  readonly view: string;
  readonly language: string;
  readonly reload: string;
  readonly zoomIn: string;
  readonly zoomOut: string;
  readonly resetZoom: string;
  readonly fullScreen: string;
  readonly devTools: string;
  readonly help: string;
  readonly about: string;
}

export const MENU_LABELS: Readonly<Record<Language, MenuLabels>> = {
  en: {
    station: 'Station',
    lock: 'Lock Station',
    quit: 'Quit PX360',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    language: 'Language',
    reload: 'Reload',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullScreen: 'Full Screen',
    devTools: 'Developer Tools',
    help: 'Help',
    about: 'About PX360',
  },
  ar: {
    station: 'المحطة',
    lock: 'قفل المحطة',
    quit: `إنهاء ${isolate('PX360')}`,
    edit: 'تحرير',
    undo: 'تراجع',
    redo: 'إعادة',
    cut: 'قص',
    copy: 'نسخ',
    paste: 'لصق',
    selectAll: 'تحديد الكل',
    view: 'عرض',
    language: 'اللغة',
    reload: 'إعادة التحميل',
    zoomIn: 'تكبير',
    zoomOut: 'تصغير',
    resetZoom: 'الحجم الفعلي',
    fullScreen: 'ملء الشاشة',
    devTools: 'أدوات المطور',
    help: 'مساعدة',
    about: `حول ${isolate('PX360')}`,
  },
};

/** Each language is named in itself, so someone who cannot read the current menu can still find their own. */
const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { ar: 'العربية', en: 'English' };

export interface MenuActions {
  /** a command for the console (lock, reload, language) */
  send(command: MenuCommand): void;
  /** remember the language and rebuild the menu in it */
  chooseLanguage(language: Language): void;
}

export interface MenuOptions {
  readonly language: Language;
  readonly platform: NodeJS.Platform;
  /** developer tools only in unpackaged builds: a station PC is not a debugging target */
  readonly showDevTools: boolean;
}

export function buildMenuTemplate(options: MenuOptions, actions: MenuActions): MenuItemConstructorOptions[] {
  const t = MENU_LABELS[options.language];
  const languageItem = (language: Language): MenuItemConstructorOptions => ({
    label: LANGUAGE_NAMES[language],
    type: 'radio',
    checked: options.language === language,
    click: () => {
      actions.chooseLanguage(language);
      actions.send(language === 'ar' ? 'language:ar' : 'language:en');
    },
  });

  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') template.push({ role: 'appMenu', label: 'PX360' });
  template.push(
    {
      label: t.station,
      submenu: [{ label: t.lock, accelerator: 'CmdOrCtrl+L', click: () => actions.send('lock') }, { type: 'separator' }, { label: t.quit, role: 'quit' }],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.language, submenu: [languageItem('ar'), languageItem('en')] },
        { type: 'separator' },
        // The console reloads its own data: a page reload would drop the signed-in session for nothing.
        { label: t.reload, accelerator: 'CmdOrCtrl+R', click: () => actions.send('reload') },
        { type: 'separator' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { label: t.resetZoom, role: 'resetZoom' },
        { label: t.fullScreen, role: 'togglefullscreen' },
        ...(options.showDevTools ? [{ type: 'separator' } as const, { label: t.devTools, role: 'toggleDevTools' } as const] : []),
      ],
    },
    { label: t.help, role: 'help', submenu: [{ label: t.about, role: 'about' }] },
  );
  return template;
}
