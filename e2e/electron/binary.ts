import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness/harness';

/**
 * Where the Electron binary would be, read the way node_modules/electron/index.js reads it
 * but without its fallback download (which would hang on a machine with no internet).
 */
export function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const NO_BINARY =
  'No Electron binary in node_modules/electron/dist (it is downloaded on first start, and this machine has no internet); the same core and renderer run in the Chromium harness specs.';
