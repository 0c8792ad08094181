import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { RecentLibrary } from './library/types';

/** How many recent libraries are remembered. */
export const MAX_RECENT = 10;

const fileOf = (profileDir: string) => join(profileDir, 'recent-libraries.json');

/** The recent libraries; an unreadable or damaged list reads as empty (it is a convenience, not user data). */
export async function readRecent(profileDir: string): Promise<RecentLibrary[]> {
  try {
    const list = JSON.parse(await readFile(fileOf(profileDir), 'utf8')) as { path: string; openedAt: string }[];
    if (!Array.isArray(list)) return [];
    return list
      .filter((e) => typeof e?.path === 'string' && typeof e?.openedAt === 'string')
      .slice(0, MAX_RECENT)
      .map((e) => ({ path: e.path, name: basename(e.path), openedAt: e.openedAt, exists: existsSync(e.path) }));
  } catch {
    return [];
  }
}

/** Puts a library at the top of the list (written to a temporary file, then renamed, so a crash never leaves half a file). */
export async function addRecent(profileDir: string, path: string, now = new Date()): Promise<RecentLibrary[]> {
  const current = (await readRecent(profileDir)).filter((e) => e.path !== path);
  const list = [
    { path, openedAt: now.toISOString() },
    ...current.map(({ path, openedAt }) => ({ path, openedAt })),
  ].slice(0, MAX_RECENT);
  const file = fileOf(profileDir);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, JSON.stringify(list, null, 2));
  await rename(`${file}.tmp`, file);
  return readRecent(profileDir);
}
