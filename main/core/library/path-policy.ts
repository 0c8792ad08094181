import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../errors';

/** What is at a path, as far as opening it as a library is concerned. */
export type PathEntry = 'folder' | 'file' | 'missing' | 'unreadable';

/**
 * Why a folder may not be opened as a library, or null when it may. Checked before anything
 * is written to the user-data folder, so a refused path leaves no index, no recent entry and
 * no annotations file behind. Pure: `entry` says what is at `path` (see entryAt).
 */
export function libraryPathRefusal(path: string, entry: PathEntry, profileDir: string): UserError | null {
  if (!path || !isAbsolute(path))
    return new UserError(
      'library-unreadable',
      `Opening library failed: "${path.slice(0, 200)}" is not a full path to a folder. Choose the folder with File → Open Folder….`,
    );
  // Threadline's own data (its indexes among them) is never read as saved posts.
  const fromProfile = relative(resolve(profileDir), resolve(path));
  if (!fromProfile.startsWith('..') && !isAbsolute(fromProfile))
    return new UserError(
      'library-refused',
      `Opening library failed: ${path} is Threadline's own data folder, not saved posts. Choose another folder.`,
    );
  if (entry === 'missing')
    return new UserError(
      'library-unreadable',
      `Opening library failed: ${path} does not exist. Choose another folder.`,
    );
  if (entry === 'file')
    return new UserError(
      'not-a-folder',
      `Opening library failed: ${path} is a file, not a folder. Choose the folder that holds the saved posts.`,
    );
  if (entry === 'unreadable')
    return new UserError(
      'library-unreadable',
      `Opening library failed: ${path} is not readable. Choose another folder.`,
    );
  return null;
}

/** What is at a path: a folder, a file, nothing, or something that cannot be looked at. */
export async function entryAt(path: string): Promise<PathEntry> {
  try {
    return (await stat(path)).isDirectory() ? 'folder' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
  }
}

/** Throws the refusal for a path that may not be opened as a library (see libraryPathRefusal). */
export async function checkLibraryPath(path: string, profileDir: string): Promise<void> {
  const refusal = libraryPathRefusal(path, isAbsolute(path) ? await entryAt(path) : 'missing', profileDir);
  if (refusal) throw refusal;
}
