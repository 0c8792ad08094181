/**
 * `threadline export-thread <post id> --format md|html`: the app's thread export from a terminal,
 * through the same service call (`thread.export`) with the file named by --out standing in for
 * the save dialog, or printed when there is none.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from './core/errors';
import { createService } from './core/service';

export const EXPORT_THREAD_USAGE = `Usage: threadline export-thread <post id> [--format md|html] [--library <folder>] [--profile <dir>] [--out <file>] [--annotations]

  export-thread  Write a post with all its comments as Markdown (the default) or one
                 self-contained HTML file, to --out or to the terminal; --annotations adds
                 your highlights and notes from the profile (PDF: in the app).`;

const FORMATS = { md: 'markdown', markdown: 'markdown', html: 'html' } as const;

export async function runExportThread(
  args: string[],
  defaults: { profile: string; library: string },
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const values: Record<string, string> = {};
  const positional: string[] = [];
  let annotations = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--annotations') annotations = true;
    else if (['--format', '--library', '--profile', '--out'].includes(arg) && i + 1 < args.length)
      values[arg.slice(2)] = args[++i]!;
    else if (arg.startsWith('--')) {
      err(EXPORT_THREAD_USAGE);
      return 2;
    } else positional.push(arg);
  }
  const format = FORMATS[(values['format'] ?? 'md') as keyof typeof FORMATS];
  if (positional.length !== 1 || !format) {
    err(
      values['format'] && !format
        ? `threadline export-thread: --format must be md or html, not "${values['format']}" (PDF is made in the app).`
        : EXPORT_THREAD_USAGE,
    );
    return 2;
  }
  const scratch = await mkdtemp(join(tmpdir(), 'threadline-export-'));
  const target = values['out'] ? resolve(values['out']) : join(scratch, `thread.${format === 'html' ? 'html' : 'md'}`);
  const service = createService({
    defaultLibrary: defaults.library,
    profileDir: resolve(values['profile'] ?? defaults.profile),
    watch: false,
    openExternal: async () => undefined,
    chooseFolder: async () => null,
    saveFile: async () => target,
  });
  try {
    await service.openLibrary(resolve(values['library'] ?? defaults.library));
    await service.handlers['thread.export']({ postId: positional[0]!, format, annotations });
    if (values['out']) out(`Exported ${positional[0]} to ${target}.`);
    else out((await readFile(target, 'utf8')).trimEnd());
    return 0;
  } catch (error) {
    err(error instanceof UserError ? error.message : `Exporting failed unexpectedly: ${(error as Error).message}`);
    return 1;
  } finally {
    await service.close();
    await rm(scratch, { recursive: true, force: true });
  }
}
