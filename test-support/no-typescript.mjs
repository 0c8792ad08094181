// For tests that run the built command line: `node --import <this file>` makes every module that
// would load TypeScript or tsx fail to load, in the main thread and in each worker (a worker
// inherits --import). With THREADLINE_LOADS_LOG set, each file a thread loads is appended to that
// file, and a refused one as "refused <url>", so a test sees which worker script ran.
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
const LOG = ${JSON.stringify(process.env.THREADLINE_LOADS_LOG ?? '')};
const TYPESCRIPT = /\\.(ts|tsx|mts|cts)$|\\/node_modules\\/tsx\\//;
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith('file:')) return resolved;
  const refused = TYPESCRIPT.test(new URL(resolved.url).pathname);
  if (LOG) appendFileSync(LOG, (refused ? 'refused ' : '') + resolved.url + '\\n');
  if (refused) throw new Error('no-typescript guard: ' + resolved.url + ' was about to be loaded');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
