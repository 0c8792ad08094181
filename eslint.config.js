import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test helpers (test-support/) are for tests, e2e/ and scripts/, never for code a bundle is built from. */
const TEST_SUPPORT = {
  regex: '(^|/)test-support(/|$)',
  message: 'test-support/ holds test helpers: only tests, e2e/ and scripts/ import it.',
};

export default tseslint.config(
  {
    ignores: ['out/', 'dist/', 'node_modules/', 'reports/', 'test-results/', 'playwright-report/', 'e2e/screenshots/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Only main/app and preload may talk to Electron; core stays plain Node.
    files: ['main/core/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main/app and preload import electron.' }] },
      ],
    },
  },
  {
    files: ['main/**/*.{ts,mjs}', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
  {
    // Shared modules run in the renderer too: at runtime they import only each other, never Node,
    // a package or the rest of main.
    files: ['main/core/shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)',
              allowTypeImports: true,
              message: 'main/core/shared/ is pure: import only its own modules (types from anywhere).',
            },
          ],
        },
      ],
    },
  },
  {
    // The renderer bundle loads main's code only from main/core/shared/ (pure, no Node APIs);
    // types come from anywhere. Tests may build a real core to check the renderer against it.
    // These options replace the ones above for these files, so test-support/ is named again.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            TEST_SUPPORT,
            {
              regex: '^(\\.\\./)+main/(?!core/shared/)',
              allowTypeImports: true,
              message: 'The renderer may load only main/core/shared/ at runtime; use `import type` for types.',
            },
          ],
        },
      ],
    },
  },
);
