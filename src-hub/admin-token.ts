import fs from 'node:fs';
import path from 'node:path';

/** The file a hub started without a terminal leaves its new admin token in: readable by the hub's account only. */
export const ADMIN_TOKEN_FILE = 'admin-token.txt';

export type AdminTokenDelivery = { readonly shownOn: 'terminal' } | { readonly file: string };

/**
 * The admin token made at the first start is shown once, and never through
 * the JSON log (which a service manager keeps in files others read): on the
 * operator's terminal, or — started as a service, with no terminal — in a
 * 0600 file in the data folder, to be read and deleted. `--admin-token-stdin`
 * sets one without either.
 */
export function deliverAdminToken(token: string, dataDir: string, terminal: { readonly isTTY?: boolean; write(text: string): unknown }): AdminTokenDelivery {
  if (terminal.isTTY) {
    terminal.write(`\nPX360 hub admin token (shown once; the hub keeps only its hash):\n\n  ${token}\n\n`);
    return { shownOn: 'terminal' };
  }
  const file = path.join(dataDir, ADMIN_TOKEN_FILE);
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600); // a file left from before keeps its mode otherwise
  return { file };
}
