// Checks the bundles `electron-vite build` wrote: each script bundle parses, and the preload
// stays what the sandbox needs. A sandboxed preload may only require('electron') and should hold
// the contract's names and the bridge, nothing more: the request schemas and zod live in main
// (main/core/requests.ts), and neither the preload nor the renderer may bundle them.
// Usage: node scripts/check-bundles.mjs [out folder, default "out"]. Exits 1 naming each problem.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'out';
/** The preload is a method list and a bridge of a few KB; near this size it has pulled in a library. */
const PRELOAD_MAX_BYTES = 20_000;
/** What bundled zod leaves, whatever a minifier does to names: its class names are strings ("$ZodType", "ZodError"). */
const ZOD = /\$?Zod[A-Z][A-Za-z]*|require\(["']zod["']\)|from\s*["']zod["']/;
const SCRIPTS = ['main/index.js', 'main/parse-worker.js', 'preload/index.cjs'];

const problems = [];
const missing = SCRIPTS.filter((file) => !existsSync(join(out, file)));
if (missing.length) problems.push(`${missing.join(', ')} missing from ${out}/: run "npx electron-vite build" first.`);

for (const file of SCRIPTS.filter((f) => !missing.includes(f))) {
  const checked = spawnSync(process.execPath, ['--check', join(out, file)], { encoding: 'utf8' });
  if (checked.status !== 0) problems.push(`${file} does not parse:\n${checked.stderr.trim()}`);
}

let preloadBytes = null;
if (!missing.includes('preload/index.cjs')) {
  const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
  preloadBytes = Buffer.byteLength(preload);
  if (preloadBytes >= PRELOAD_MAX_BYTES)
    problems.push(
      `preload/index.cjs is ${preloadBytes} bytes (limit ${PRELOAD_MAX_BYTES}): something imported into preload/ brought a library with it.`,
    );
  const zod = preload.match(ZOD);
  if (zod)
    problems.push(
      `preload/index.cjs holds zod ("${zod[0]}"): preload/ must import the contract's types only, never main/core/requests.ts or zod.`,
    );
  const packages = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)]
    .map((m) => m[1])
    .filter((name) => name !== 'electron');
  if (packages.length)
    problems.push(
      `preload/index.cjs requires ${[...new Set(packages)].join(', ')}: a sandboxed preload can only require electron.`,
    );
}

const assets = join(out, 'renderer/assets');
const rendererScripts = existsSync(assets) ? readdirSync(assets).filter((name) => name.endsWith('.js')) : [];
if (!rendererScripts.length) problems.push(`no renderer script in ${assets}: run "npx electron-vite build" first.`);
for (const name of rendererScripts) {
  const zod = readFileSync(join(assets, name), 'utf8').match(ZOD);
  if (zod)
    problems.push(
      `renderer/assets/${name} holds zod ("${zod[0]}"): the renderer must import the contract's types only, never the request schemas.`,
    );
}

if (problems.length) {
  for (const problem of problems) console.error(`check:bundles: ${problem}`);
  process.exit(1);
}
console.log(
  `check:bundles: ${SCRIPTS.length} bundles parse; preload ${preloadBytes} bytes, no zod, requires only electron; renderer holds no zod.`,
);
