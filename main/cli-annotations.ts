/**
 * `threadline annotations add|list|export|import`: the user's annotations from a shell, in the
 * same file the app uses (<profile>/annotations.sqlite), for the library given by --library
 * (the bundled seeds by default).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ANNOTATIONS_FILE, openAnnotations } from './core/annotations/db';
import { exportText, fromJsonLd } from './core/annotations/export';
import { libraryLinkId } from './core/link-target';
import { addQuote, loadPostTexts, reanchorLibrary } from './core/annotations/library';
import { describePart } from './core/shared/part-keys';
import { AnnotationError, AnnotationStore, COLOURS, type Colour } from './core/annotations/store';
import type { Annotation } from './core/annotations/types';
import { openIndexDb } from './core/index/db';
import { indexQueries } from './core/index/queries';
import { updateIndex } from './core/index/update';
import { indexPathFor } from './core/service';
import { UserError } from './core/errors';

export const ANNOTATIONS_USAGE = `Usage: threadline annotations add --post <id or exact title> --part <body|comment id|article id> --quote "<exact text>" [--note <text>] [--tag <tag>]… [--colour <colour>]
       threadline annotations list [--post <id or title>] [--tag <tag>] [--colour <colour>] [--text <words>] [--json]
       threadline annotations export [--format markdown|jsonld] [--post <id or title>] [--out <file>]
       threadline annotations import <file.jsonld>
  Each takes --library <folder> (default: the bundled seeds) and --profile <dir> (the user-data folder).
  list shows each annotation's state: anchored exactly, anchored fuzzily (the text was edited), or orphaned.`;

type Values = Record<string, string[]>;

function parseArgs(args: string[]): { values: Values; positional: string[]; json: boolean } | string {
  const single = ['post', 'part', 'quote', 'note', 'colour', 'text', 'format', 'out', 'library', 'profile'];
  const values: Values = {};
  const positional: string[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') json = true;
    else if (arg.startsWith('--')) {
      const name = arg.slice(2) === 'color' ? 'colour' : arg.slice(2);
      if (name !== 'tag' && !single.includes(name)) return `unknown option ${arg}`;
      if (i + 1 >= args.length) return `${arg} needs a value`;
      if (name !== 'tag' && values[name]) return `${arg} is given twice`;
      (values[name] ??= []).push(args[++i]!);
    } else positional.push(arg);
  }
  return { values, positional, json };
}

const one = (values: Values, name: string) => values[name]?.[0];

const STATE = { exact: 'anchored exactly', fuzzy: 'anchored fuzzily', orphan: 'orphaned' } as const;

function printAnnotation(a: Annotation, out: (line: string) => void) {
  const where = describePart(a.anchor.part ?? a.part);
  out(
    `${a.id}  ${a.postDate ?? 'undated'} "${a.postTitle}" — ${where} — ${STATE[a.anchor.state]} — ${a.colour}${a.kind === 'flag' ? ' flag' : ''}`,
  );
  if (a.quote && a.kind === 'highlight') out(`  “${a.quote.exact.replace(/\s+/g, ' ').slice(0, 200)}”`);
  if (a.note) out(`  note: ${a.note.replace(/\s+/g, ' ').slice(0, 200)}`);
  if (a.tags.length) out(`  tags: ${a.tags.join(', ')}`);
}

/** Runs an annotations subcommand; returns the exit status. */
export async function runAnnotations(
  args: string[],
  defaults: { profile: string; library: string },
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  const [action, ...rest] = args;
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string' || !['add', 'list', 'export', 'import'].includes(action ?? '')) {
    err(`${typeof parsed === 'string' ? `threadline annotations: ${parsed}\n` : ''}${ANNOTATIONS_USAGE}`);
    return 2;
  }
  const { values, positional, json } = parsed;
  if ((action === 'import') !== (positional.length === 1) || positional.length > 1) {
    err(ANNOTATIONS_USAGE);
    return 2;
  }
  const colour = one(values, 'colour');
  if (colour !== undefined && !COLOURS.includes(colour as Colour)) {
    err(`threadline annotations: --colour must be one of ${COLOURS.join(', ')}, not "${colour}".`);
    return 2;
  }
  const format = one(values, 'format') ?? 'markdown';
  if (!['markdown', 'jsonld'].includes(format)) {
    err(`threadline annotations: --format must be markdown or jsonld, not "${format}".`);
    return 2;
  }
  const library = resolve(one(values, 'library') ?? defaults.library);
  const profile = resolve(one(values, 'profile') ?? defaults.profile);
  const opened = await openAnnotations(join(profile, ANNOTATIONS_FILE));
  if (!opened.db) {
    err(opened.status.state === 'unavailable' ? opened.status.reason : 'The annotations file could not be opened.');
    return 1;
  }
  const store = new AnnotationStore(opened.db);
  const index = openIndexDb(indexPathFor(profile, library));
  try {
    await updateIndex(index, library);
    const queries = indexQueries(index);
    const findPost = (ref: string) => {
      const posts = queries.posts();
      const hit = posts.find((p) => p.id === ref) ?? posts.filter((p) => p.title === ref.trim());
      if (!Array.isArray(hit)) return hit;
      if (hit.length === 1) return hit[0]!;
      if (hit.length > 1)
        throw new UserError(
          'ambiguous',
          `${hit.length} posts are titled "${ref}": give the post id instead (${hit.map((p) => p.id).join(', ')}).`,
        );
      throw new UserError('not-found', `No post in ${library} has the id or title "${ref}".`);
    };
    // Texts may have changed since the annotations were last anchored: anchor them again first.
    await reanchorLibrary(
      store,
      library,
      (postId) => queries.locate(postId),
      null,
      (postId) => queries.hashOf(postId),
    );
    const postRef = one(values, 'post');
    const postId = postRef ? findPost(postRef).id : undefined;

    if (action === 'add') {
      const quote = one(values, 'quote');
      const part = one(values, 'part');
      if (!postRef || !part || !quote) {
        err(`threadline annotations add needs --post, --part and --quote.\n${ANNOTATIONS_USAGE}`);
        return 2;
      }
      const texts = await loadPostTexts(library, postId!, queries.locate(postId!)!);
      if (!texts) throw new UserError('unreadable', `The file of post ${postId} can no longer be read.`);
      const added = addQuote(store, library, texts, part, quote, {
        ...(one(values, 'note') !== undefined ? { note: one(values, 'note')! } : {}),
        tags: values.tag ?? [],
        ...(colour ? { colour: colour as Colour } : {}),
      });
      if (json) out(JSON.stringify(added, null, 2));
      else printAnnotation(added, out);
      return 0;
    }
    if (action === 'import') {
      const file = positional[0]!;
      let content: unknown;
      try {
        content = JSON.parse(await readFile(file, 'utf8'));
      } catch (error) {
        throw new UserError(
          'unreadable',
          `Importing ${file} failed: ${(error as Error).message}. Give a JSON-LD file exported by Threadline or another W3C Web Annotation tool.`,
        );
      }
      let incoming;
      try {
        incoming = fromJsonLd(content, library);
      } catch (error) {
        throw new UserError('invalid', `Importing ${file} failed: ${(error as Error).message}.`);
      }
      const { added, skipped } = store.addMissing(incoming);
      const anchored = await reanchorLibrary(
        store,
        library,
        (id) => queries.locate(id),
        new Set(incoming.map((a) => a.postId)),
      );
      const summary = { added: added.length, alreadyThere: skipped.length, ...anchored };
      if (json) out(JSON.stringify(summary));
      else
        out(
          `Imported ${added.length} annotations (${skipped.length} already there) into ${library}: ${anchored.exact} anchored exactly, ${anchored.fuzzy} fuzzily, ${anchored.orphan} orphaned.`,
        );
      return 0;
    }
    const list = store.list({
      library,
      ...(postId ? { postId } : {}),
      ...(one(values, 'tag') ? { tag: one(values, 'tag')! } : {}),
      ...(colour ? { colour: colour as Colour } : {}),
      ...(one(values, 'text') ? { text: one(values, 'text')! } : {}),
    });
    if (action === 'list') {
      if (json) out(JSON.stringify(list, null, 2));
      else {
        for (const a of list) printAnnotation(a, out);
        out(`${list.length} annotations`);
      }
      return 0;
    }
    const text = exportText(list, format as 'markdown' | 'jsonld', {
      library,
      postId,
      linkId: libraryLinkId(library, defaults.library),
    });
    const target = one(values, 'out');
    if (target) {
      await writeFile(target, text);
      out(`Exported ${list.length} annotations to ${target}.`);
    } else out(text.trimEnd());
    return 0;
  } catch (error) {
    err(
      error instanceof UserError || error instanceof AnnotationError
        ? error.message
        : `threadline annotations ${action} failed unexpectedly: ${(error as Error).message}`,
    );
    return 1;
  } finally {
    index.close();
    opened.db.close();
  }
}
