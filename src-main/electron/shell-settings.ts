import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { language, type Language } from '../../src-shared/contract/common.js';

/*
 * The shell remembers one thing between runs: the console language last
 * chosen, so the native menu speaks it before anyone signs in. Kept in the
 * Electron userData folder, apart from the station's data.
 */

const shellSettingsSchema = z.object({ language: language.optional() });
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

const FILE_NAME = 'shell-settings.json';

export function readShellSettings(dir: string): ShellSettings {
  try {
    const parsed = shellSettingsSchema.safeParse(JSON.parse(readFileSync(path.join(dir, FILE_NAME), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {}; // first run, or a hand-edited file gone bad: fall back to the OS language
  }
}

export function writeShellSettings(dir: string, settings: ShellSettings): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, FILE_NAME), `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
}

/** Saved choice first, then the first Arabic or English OS language, then Arabic (the console's default). */
export function pickShellLanguage(saved: Language | undefined, osLanguages: readonly string[]): Language {
  if (saved !== undefined) return saved;
  for (const tag of osLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'ar' || primary === 'en') return primary;
  }
  return 'ar';
}
