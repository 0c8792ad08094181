import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const SCRIPT = join(import.meta.dirname, 'check-bundles.mjs');
const temps: string[] = [];
afterAll(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const GOOD: Record<string, string> = {
  // out/ sits in the repository, whose package.json makes .js files ES modules (node --check reads them so).
  'package.json': '{ "type": "module" }\n',
  'main/index.js': 'export const main = 1;\n',
  'main/parse-worker.js': 'export const worker = 1;\n',
  'preload/index.cjs':
    'let electron = require("electron");\nelectron.contextBridge.exposeInMainWorld("threadline", {});\n',
  'renderer/assets/index-abc.js': 'console.log("app");\n',
};

/** Runs the check on an out folder holding the good bundles with `changes` applied (null: the file is left out). */
function check(changes: Record<string, string | null> = {}) {
  const out = mkdtempSync(join(tmpdir(), 'threadline-bundles-'));
  temps.push(out);
  for (const [file, text] of Object.entries({ ...GOOD, ...changes })) {
    if (text === null) continue;
    mkdirSync(dirname(join(out, file)), { recursive: true });
    writeFileSync(join(out, file), text);
  }
  const run = spawnSync(process.execPath, [SCRIPT, out], { encoding: 'utf8' });
  return { status: run.status, errors: run.stderr };
}

describe('check:bundles', () => {
  it('passes small bundles that parse, with a preload requiring only electron', () => {
    expect(check()).toEqual({ status: 0, errors: '' });
  });

  it('fails a preload of 20,000 bytes or more', () => {
    const big = `${GOOD['preload/index.cjs']}//${'x'.repeat(20_000)}\n`;
    const result = check({ 'preload/index.cjs': big });
    expect(result.status).toBe(1);
    expect(result.errors).toMatch(/preload\/index\.cjs is \d+ bytes \(limit 20000\)/);
  });

  it('fails a preload holding zod, bundled or required', () => {
    const bundled = check({
      'preload/index.cjs': `${GOOD['preload/index.cjs']}var ZodError = class extends Error {};\n`,
    });
    expect(bundled.status).toBe(1);
    expect(bundled.errors).toMatch(/preload\/index\.cjs holds zod \("ZodError"\)/);
    const required = check({ 'preload/index.cjs': `${GOOD['preload/index.cjs']}const z = require("zod");\n` });
    expect(required.status).toBe(1);
    expect(required.errors).toMatch(/requires zod: a sandboxed preload can only require electron/);
  });

  it('fails a renderer script holding zod', () => {
    const result = check({ 'renderer/assets/index-abc.js': 'const t = "$ZodType";\n' });
    expect(result.status).toBe(1);
    expect(result.errors).toMatch(/renderer\/assets\/index-abc\.js holds zod \("\$ZodType"\)/);
  });

  it('fails a bundle that does not parse, or one that is missing', () => {
    const broken = check({ 'main/parse-worker.js': 'export const = ;\n' });
    expect(broken.status).toBe(1);
    expect(broken.errors).toMatch(/main\/parse-worker\.js does not parse/);
    const missing = check({ 'main/index.js': null });
    expect(missing.status).toBe(1);
    expect(missing.errors).toMatch(/main\/index\.js missing/);
  });
});
