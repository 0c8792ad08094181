import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { withContentSecurityPolicy } from './main/app/csp';

/** Writes main/app/csp.ts's policy into index.html's meta tag, so the page and main's response header share one source. */
export function contentSecurityPolicyPlugin(): Plugin {
  return { name: 'threadline-csp', transformIndexHtml: { order: 'pre', handler: withContentSecurityPolicy } };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The parse worker is its own entry: the index's ParsePool starts out/main/parse-worker.js.
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          'parse-worker': resolve(import.meta.dirname, 'main/core/index/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The sandboxed preload may only require('electron'): it imports the contract's names and
      // types, no package (npm run check:bundles fails when it requires one, holds zod or passes 20 KB).
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // A sandboxed preload cannot load ES modules: it must be one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'renderer',
    base: './',
    plugins: [react(), contentSecurityPolicyPlugin()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
