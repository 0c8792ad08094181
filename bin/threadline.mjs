#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so it works right after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../main/cli.ts');
process.exitCode = await runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`${text}\n`),
);
