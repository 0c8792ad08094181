#!/usr/bin/env node
// Runs the command line built into out/cli/ (scripts/build-cli.mjs; `npm ci` builds it), so no
// TypeScript is compiled at run time. When that build is missing or older than main/'s sources,
// it is built again first, with a note on stderr: what runs is always what the sources say.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { buildCli, cliBuildProblem } from '../scripts/build-cli.mjs';

const OUT = join(import.meta.dirname, '../out/cli');
const problem = cliBuildProblem(OUT);
if (problem) {
  process.stderr.write(`threadline: ${problem}; building it now (npm run build:cli)…\n`);
  try {
    await buildCli(OUT);
  } catch (error) {
    process.stderr.write(
      `threadline: building the command line failed: ${error.message}\nRun "npm ci" if esbuild is missing, then "npm run build:cli".\n`,
    );
    process.exit(1);
  }
}
const { runCli } = await import(pathToFileURL(join(OUT, 'threadline.js')).href);
process.exitCode = await runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
);
