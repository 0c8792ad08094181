// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import config from '../../electron.vite.config';
import { CONTENT_SECURITY_POLICY, CSP_PLACEHOLDER, withContentSecurityPolicy } from './csp';

const sourceHtml = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8');

/** The renderer build's own transform, taken from electron.vite.config.ts, so a plugin left out of the config fails here. */
function configuredTransform(): (html: string) => string {
  const plugins = ((config as { renderer?: { plugins?: unknown[] } }).renderer?.plugins ?? []).flat(
    Infinity,
  ) as Plugin[];
  const hook = plugins.find((plugin) => plugin?.name === 'threadline-csp')?.transformIndexHtml;
  if (!hook || typeof hook === 'function')
    throw new Error('The renderer config has no threadline-csp plugin with an ordered transformIndexHtml hook.');
  return hook.handler as (html: string) => string;
}

function metaPolicies(html: string): string[] {
  const page = new DOMParser().parseFromString(html, 'text/html');
  return [...page.querySelectorAll('meta[http-equiv="Content-Security-Policy" i]')].map(
    (meta) => meta.getAttribute('content') ?? '',
  );
}

describe('the Content-Security-Policy', () => {
  it('is written into the built index.html exactly as main sends it in the response header', () => {
    const built = configuredTransform()(sourceHtml);
    expect(metaPolicies(built)).toEqual([CONTENT_SECURITY_POLICY]);
    expect(built).not.toContain(CSP_PLACEHOLDER);
  });

  it('is not copied into renderer/index.html by hand: the source page holds only the placeholder', () => {
    expect(metaPolicies(sourceHtml)).toEqual([CSP_PLACEHOLDER]);
    expect(sourceHtml).not.toContain("default-src 'none'");
  });

  it('refuses a page without the placeholder or with it twice, instead of shipping a stale policy', () => {
    const stale = sourceHtml.replace(CSP_PLACEHOLDER, "default-src 'self'");
    expect(() => withContentSecurityPolicy(stale)).toThrow(
      /must contain __CONTENT_SECURITY_POLICY__ exactly once \(found 0\)/,
    );
    expect(() => withContentSecurityPolicy(`${sourceHtml}<meta content="${CSP_PLACEHOLDER}">`)).toThrow(/found 2/);
  });

  it('forbids what the reader never needs: remote code, inline script, network connections, frames and plugins', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';')
        .map((part) => part.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});
