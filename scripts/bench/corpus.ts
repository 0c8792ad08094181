import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { planCorpus, writeCorpus } from '../corpus';
import { defaultCorpusDir } from './args';

export const DEFAULT_CORPUS = '/tmp/corpus5k';
export const DEFAULT_POSTS = 5000;

export interface Corpus {
  root: string;
  /** Seed files, relative to root with "/", sorted. */
  files: string[];
  bytes: number;
  /** Made by this run in a temporary folder (and removed at the end). */
  generated: boolean;
}

/** Every .txt file under root, as the index sees them. */
export async function listSeedFiles(root: string): Promise<{ files: string[]; bytes: number }> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.txt') && !e.name.startsWith('.'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
  let bytes = 0;
  for (const file of files) bytes += (await stat(join(root, file))).size;
  return { files, bytes };
}

/** True when `dir` holds exactly the files of the generated corpus of `posts` posts, none empty. */
function isCompleteCorpus(dir: string, files: string[], posts = DEFAULT_POSTS): boolean {
  const plan = planCorpus({ posts });
  if (files.length !== plan.length) return false;
  const have = new Set(files);
  return plan.every((p) => have.has(p.path) && statSync(join(dir, p.path)).size > 0);
}

/**
 * The corpus to measure: the folder given, else /tmp/corpus5k when it is complete, else a
 * fresh 5,000-post corpus generated into a temporary folder.
 */
export async function resolveCorpus(given: string | null, log: (line: string) => void): Promise<Corpus> {
  if (given) {
    const root = resolve(given);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`--corpus ${root} is not a folder`);
    const { files, bytes } = await listSeedFiles(root);
    if (!files.length) throw new Error(`--corpus ${root} holds no .txt seed files`);
    return { root, files, bytes, generated: false };
  }
  if (existsSync(DEFAULT_CORPUS)) {
    const { files, bytes } = await listSeedFiles(DEFAULT_CORPUS);
    if (isCompleteCorpus(DEFAULT_CORPUS, files)) return { root: DEFAULT_CORPUS, files, bytes, generated: false };
    log(`${DEFAULT_CORPUS} is incomplete (${files.length} files): generating a fresh corpus instead`);
  }
  const root = await mkdtemp(join(tmpdir(), 'threadline-bench-corpus-'));
  log(`generating a ${DEFAULT_POSTS}-post corpus in ${root} …`);
  await writeCorpus({ posts: DEFAULT_POSTS, out: root });
  const { files, bytes } = await listSeedFiles(root);
  return { root, files, bytes, generated: true };
}

/**
 * The generated corpus of `posts` posts: /tmp/corpusNk (defaultCorpusDir()) when it is complete;
 * generated there when that folder is missing (and kept for the next run); generated into a
 * temporary folder (removed at the end) when the folder is there but incomplete, which it is
 * while another process writes it.
 */
export async function resolveSizedCorpus(posts: number, log: (line: string) => void): Promise<Corpus> {
  const dir = defaultCorpusDir(posts);
  if (existsSync(dir)) {
    const { files, bytes } = await listSeedFiles(dir);
    if (isCompleteCorpus(dir, files, posts)) return { root: dir, files, bytes, generated: false };
    log(
      `${dir} is incomplete (${files.length} files; still being written?): generating a ${posts}-post corpus in a temporary folder instead`,
    );
    const root = await mkdtemp(join(tmpdir(), 'threadline-bench-corpus-'));
    await writeCorpus({ posts, out: root });
    return { root, ...(await listSeedFiles(root)), generated: true };
  }
  log(`generating the ${posts}-post corpus in ${dir} (npm run corpus -- --posts ${posts} --out ${dir}) …`);
  await writeCorpus({ posts, out: dir });
  return { root: dir, ...(await listSeedFiles(dir)), generated: false };
}
