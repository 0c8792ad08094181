import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The checkout's root folder: the nearest folder at or above `here` that holds package.json.
 * The command line runs from main/ (tests, through tsx) and from its build in out/cli/
 * (scripts/build-cli.mjs), so a fixed number of ".." steps would be right in only one of them.
 */
export function checkoutRoot(here: string, exists: (path: string) => boolean = existsSync): string {
  for (let folder = here; ; folder = dirname(folder)) {
    if (exists(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return join(here, '..');
  }
}
