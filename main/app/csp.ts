/**
 * The Content-Security-Policy of the renderer, written once: main sends it as a response
 * header (security.ts, protocol.ts) and the renderer build writes it into index.html's meta
 * tag (electron.vite.config.ts), so the two cannot drift apart. No 'electron' import: the
 * build config and the tests load this file in plain Node.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

/** What renderer/index.html holds where the policy goes; the build refuses an HTML file without it. */
export const CSP_PLACEHOLDER = '__CONTENT_SECURITY_POLICY__';

/**
 * The page with the policy written in place of the placeholder. Throws unless the
 * placeholder occurs exactly once, so an HTML file that kept a copy of the policy of its own
 * (or lost the meta tag) fails the build instead of shipping a policy nobody checks.
 */
export function withContentSecurityPolicy(html: string): string {
  const parts = html.split(CSP_PLACEHOLDER);
  if (parts.length !== 2) {
    throw new Error(
      `Building the renderer failed: index.html must contain ${CSP_PLACEHOLDER} exactly once (found ${parts.length - 1}), as the content of its Content-Security-Policy meta tag.`,
    );
  }
  return parts.join(CONTENT_SECURITY_POLICY.replaceAll('&', '&amp;').replaceAll('"', '&quot;'));
}
