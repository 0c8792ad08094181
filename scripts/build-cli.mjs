// Builds the command line that bin/threadline.mjs runs: main/cli.ts and the index's parse worker,
// bundled by esbuild into out/cli/ (threadline.js, parse-worker.js and the chunks they share), so
// no TypeScript is compiled when `threadline` runs. `npm ci` runs it through package.json's
// "prepare"; `npm run build:cli` runs it by hand. It needs no Electron and takes about a second.
// Usage: node scripts/build-cli.mjs [out folder, default "out/cli"] [--if-possible].
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');

/** The build's record of what it was built from: bin/threadline.mjs rebuilds when one of these is newer. */
const MANIFEST = 'inputs.json';

/** Files beside the bundled sources that change what the build makes. */
const ALSO_READ = ['package.json', 'package-lock.json', 'scripts/build-cli.mjs'];

/**
 * Why the command line in `outdir` must be built again, or null when it is up to date: it is
 * missing, or a file it was built from (main/'s sources, this script, the lock file) changed
 * since. Reads one small file and stats the inputs, a millisecond or two, at every start.
 */
export function cliBuildProblem(outdir = join(ROOT, 'out/cli'), root = ROOT) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outdir, MANIFEST), 'utf8'));
  } catch {
    return `the command line is not built yet (${relative(root, outdir) || outdir} is missing)`;
  }
  if (!existsSync(join(outdir, 'threadline.js')) || !existsSync(join(outdir, 'parse-worker.js')))
    return `the command line's build in ${relative(root, outdir)} is incomplete`;
  for (const input of manifest.inputs) {
    let modified;
    try {
      modified = statSync(join(root, input)).mtimeMs;
    } catch {
      return `${input}, which the command line was built from, is gone`;
    }
    if (modified > manifest.builtAt) return `${input} changed since the command line was built`;
  }
  return null;
}

/**
 * Bundles the command line into `outdir`. Better-sqlite3 (a native module) stays in node_modules;
 * the other packages are bundled, so a start reads a few files instead of hundreds. Chunks sit
 * beside the entries, so `import.meta.dirname` is `outdir` in every one of them: the index's
 * ParsePool finds the built parse-worker.js there (main/core/index/packaged-paths.ts).
 * Each file is written to a temporary name and renamed, the entry last, so a command started
 * during a build runs the old build or the new one, never half of one.
 */
export async function buildCli(outdir = join(ROOT, 'out/cli'), root = ROOT) {
  const { build } = await import('esbuild');
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      threadline: join(root, 'main/cli.ts'),
      'parse-worker': join(root, 'main/core/index/parse-worker.ts'),
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    mainFields: ['module', 'main'],
    external: ['better-sqlite3'],
    // parse-worker.js is the name ParsePool looks for; package.json's "type": "module" makes .js an ES module.
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    // A bundled CommonJS package may call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __cliRequire } from 'node:module'; const require = __cliRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const files = result.outputFiles;
  const last = ['parse-worker.js', 'threadline.js'].map((name) => join(outdir, name));
  mkdirSync(outdir, { recursive: true });
  const write = (path, contents) => {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  };
  // Chunks and maps first (a chunk's name holds its content's hash), then the worker, then the command.
  for (const file of files.filter((f) => !last.includes(f.path))) write(file.path, file.contents);
  for (const path of last) write(path, files.find((f) => f.path === path).contents);
  const inputs = [
    ...Object.keys(result.metafile.inputs).filter((input) => !input.split(/[\\/]/).includes('node_modules')),
    ...ALSO_READ,
  ].map((input) => relative(root, resolve(root, input)).split(sep).join('/'));
  write(join(outdir, MANIFEST), `${JSON.stringify({ builtAt, inputs: [...new Set(inputs)].sort() }, null, 1)}\n`);
  // Chunks of earlier builds that this one no longer names.
  const kept = new Set(files.map((file) => file.path.split(/[\\/]/).pop()));
  for (const name of readdirSync(outdir))
    if (/^chunk-.*\.js(\.map)?$/.test(name) && !kept.has(name)) rmSync(join(outdir, name), { force: true });
  return { outdir, files: files.length, inputs: inputs.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // --if-possible (package.json's "prepare"): an install without devDependencies has no esbuild;
  // it still installs, and bin/threadline.mjs says what to run when the command is used.
  const ifPossible = process.argv.includes('--if-possible');
  const outdir = resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? join(ROOT, 'out/cli'));
  const started = performance.now();
  try {
    const built = await buildCli(outdir);
    console.log(
      `build:cli: ${relative(ROOT, built.outdir) || built.outdir} holds the command line (${built.files} files from ${built.inputs} sources) in ${Math.round(performance.now() - started)} ms.`,
    );
  } catch (error) {
    const noEsbuild = error.code === 'ERR_MODULE_NOT_FOUND' && /'esbuild'/.test(error.message);
    if (ifPossible && noEsbuild)
      console.warn('build:cli: esbuild is not installed (no devDependencies?): the command line is not built.');
    else {
      console.error(`build:cli: building the command line failed: ${error.message}`);
      process.exitCode = 1;
    }
  }
}
