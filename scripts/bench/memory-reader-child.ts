/**
 * A long-lived reader in a process of its own (memory-probe.ts runs it): opens a library whose index
 * is built through the app's service, lists its posts, opens a few, runs the given searches and
 * prints its memory (/proc/self/status) as one JSON line.
 *
 *   node --import tsx scripts/bench/memory-reader-child.ts <library> <profile> '<queries as a JSON array>'
 */
import { createService } from '../../main/core/service';
import { statusOf } from './proc-status';

async function run(root: string, profileDir: string, queries: string[]) {
  const service = createService({
    defaultLibrary: root,
    profileDir,
    watch: false,
    openExternal: async () => undefined,
    chooseFolder: async () => root,
  });
  const h = service.handlers;
  await h['library.chooseFolder']({});
  const opened = statusOf('self');
  const posts = await h['posts.list']({});
  for (const post of posts.filter((_, i) => i % Math.ceil(posts.length / 5) === 0)) {
    await h['posts.get']({ id: post.id, part: 'start' });
    await h['posts.comments']({ id: post.id, from: 0 });
  }
  const read = statusOf('self');
  for (const query of queries) await h['search.query']({ query });
  const searched = statusOf('self');
  await service.close();
  return { posts: posts.length, searches: queries.length, opened, read, searched };
}

const [root, profileDir, queries] = process.argv.slice(2);
run(root!, profileDir!, JSON.parse(queries!) as string[]).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  },
);
