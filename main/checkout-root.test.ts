import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutRoot } from './checkout-root';

const ROOT = join(import.meta.dirname, '..');

describe('checkoutRoot', () => {
  it('finds the folder holding package.json from main/ and from the built command line in out/cli/', () => {
    expect(checkoutRoot(import.meta.dirname)).toBe(ROOT);
    expect(checkoutRoot(join(ROOT, 'out/cli'))).toBe(ROOT);
  });

  it('falls back to the folder above when no package.json is found', () => {
    expect(checkoutRoot('/a/b/c', () => false)).toBe('/a/b');
    expect(checkoutRoot('/a/b/c', (path) => path === '/a/package.json')).toBe('/a');
  });
});
