/**
 * The schema of every request in the contract: dispatch checks each payload against its
 * method's schema before a handler sees it. Every schema is strict (an unknown field is refused)
 * and bounds every string, number and list, so a page can never hand main a huge or odd value.
 *
 * The schemas are typed against the contract's `Requests`: a schema that accepts a field the
 * contract lacks, misses one, or gives one another type fails to compile (see Disagreements).
 */
import { z } from 'zod';
import type { MethodName, Requests } from '../../preload/api';
import { COLOURS } from './shared/colours';
import { paneLayoutSchema, threadPlaceSchema } from './state/reading-place';
import { readingPrefsSchema } from './state/reading-prefs';
import { MAX_RECENT } from './recent';

const empty = z.object({}).strict();
/** A non-empty string of at most `max` characters. */
const text = (max: number) => z.string().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** What a search looks for and in: search.query and search.timeline. */
const searchFilters = z.object({
  query: z.string().max(1000),
  kinds: z
    .array(z.enum(['post', 'comment', 'article']))
    .max(3)
    .optional(),
  from: isoDate.nullable().optional(),
  to: isoDate.nullable().optional(),
  sourceKey: text(512).nullable().optional(),
  author: text(200).nullable().optional(),
});
const postId = text(1024);
const annotationId = z.string().uuid();
const offset = z.number().int().min(0).max(50_000_000);
const note = z.string().max(100_000);
const tags = z.array(text(64)).max(32);

/** The request schema of each method (what each request means: `Requests` in preload/api.ts). */
export const requests = {
  'library.current': empty,
  'library.chooseFolder': empty,
  'library.recent': empty,
  'library.cancelIndexing': empty,
  'posts.list': empty,
  'posts.get': z.object({ id: postId, part: z.enum(['whole', 'start']).optional() }).strict(),
  'posts.comments': z.object({ id: postId, from: z.number().int().min(0).max(10_000_000) }).strict(),
  'posts.articles': z.object({ id: postId }).strict(),
  'problems.list': empty,
  'articles.sources': empty,
  'articles.bySource': z.object({ key: text(512) }).strict(),
  'search.query': searchFilters
    .extend({
      limit: z.number().int().min(1).max(200).optional(),
      sort: z.enum(['relevance', 'date']).optional(),
    })
    .strict(),
  'links.open': z.object({ url: text(8192) }).strict(),
  'annotations.status': empty,
  'annotations.list': z
    .object({
      postId: postId.optional(),
      tag: text(64).optional(),
      colour: z.enum(COLOURS).optional(),
      text: z.string().max(500).optional(),
      state: z.enum(['exact', 'fuzzy', 'orphan']).optional(),
      deleted: z.boolean().optional(),
    })
    .strict(),
  'annotations.counts': empty,
  'annotations.tags': empty,
  'annotations.add': z
    .object({
      postId,
      part: text(2048),
      kind: z.enum(['highlight', 'flag']),
      start: offset.optional(),
      end: offset.optional(),
      exact: z.string().max(20_000).optional(),
      colour: z.enum(COLOURS).optional(),
      note: note.optional(),
      tags: tags.optional(),
    })
    .strict(),
  'annotations.update': z
    .object({ id: annotationId, colour: z.enum(COLOURS).optional(), note: note.optional(), tags: tags.optional() })
    .strict(),
  'annotations.remove': z.object({ id: annotationId }).strict(),
  'annotations.restore': z.object({ id: annotationId }).strict(),
  'annotations.emptyBin': empty,
  'annotations.export': z.object({ format: z.enum(['markdown', 'jsonld']), postId: postId.optional() }).strict(),
  'annotations.import': empty,
  'annotations.restoreBackup': empty,
  'place.get': empty,
  'place.save': z.object({ post: threadPlaceSchema.optional(), panes: paneLayoutSchema.optional() }).strict(),
  // The shell (issue 16).
  'library.openRecent': z
    .object({
      index: z
        .number()
        .int()
        .min(0)
        .max(MAX_RECENT - 1),
    })
    .strict(),
  'shell.postOpened': z.object({ id: postId }).strict(),
  'shell.resume': empty,
  'library.opening': empty,
  // Links and thread export (issue 17).
  'shell.copyText': z.object({ text: text(8192) }).strict(),
  'links.follow': z.object({ url: text(4096) }).strict(),
  'links.pending': empty,
  'thread.export': z
    .object({
      postId,
      format: z.enum(['markdown', 'html', 'pdf']),
      collapsed: z.array(text(64)).max(100_000).optional(),
      annotations: z.boolean(),
    })
    .strict(),
  // Reading comfort (issue 17).
  'prefs.get': empty,
  'prefs.save': readingPrefsSchema.partial(),
  'readState.post': z.object({ postId }).strict(),
  'readState.mark': z.object({ postId, parts: z.array(text(1100)).max(100_000), read: z.boolean() }).strict(),
  'readState.markAll': z
    .object({
      scope: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('library') }).strict(),
        z.object({ kind: z.literal('month'), month: z.string().regex(/^\d{4}-\d{2}$/) }).strict(),
        z.object({ kind: z.literal('post'), postId }).strict(),
      ]),
      read: z.boolean(),
    })
    .strict(),
  'readState.counts': empty,
  // Where the matches fall in time (issue 18): a search's words and filters, as search.query's.
  'search.timeline': searchFilters.strict(),
  'library.timeline': empty,
  'library.authors': empty,
} satisfies Record<MethodName, z.ZodType>;

/**
 * What the preload sends on DROPPED_FOLDER_CHANNEL: the path the system gave for a dropped
 * File (not a contract method, so no page code can send it; see Bridge.openDropped).
 */
export const droppedFolderRequest = z.object({ path: text(4096) }).strict();

/** True when A and B are the same type, not merely assignable one way. */
/** An object type written out as one literal, so `A & B` and the literal with the same fields compare equal. */
type Flat<T> = T extends object ? { [K in keyof T]: T[K] } : T;
type Same<A, B> = (<T>() => T extends Flat<A> ? 1 : 2) extends <T>() => T extends Flat<B> ? 1 : 2 ? true : false;

/**
 * The methods whose schema disagrees with the contract: what it accepts (its input type) or
 * what it hands the handler (its output type) is not exactly `Contract[M]`. Never when all agree.
 */
export type Disagreements<
  Schemas extends Record<MethodName, z.ZodType>,
  Contract extends Record<MethodName, unknown> = Requests,
> = {
  [M in MethodName]: Same<z.input<Schemas[M]>, Contract[M]> extends true
    ? Same<z.output<Schemas[M]>, Contract[M]> extends true
      ? never
      : M
    : M;
}[MethodName];

type Disagreeing = Disagreements<typeof requests>;
// Fails to compile when a schema and the contract disagree: "Type 'true' is not assignable to
// type '"posts.get"'" (`& string` makes the message list the methods instead of the alias).
const schemasMatchTheContract: [Disagreeing] extends [never] ? true : Disagreeing & string = true;
void schemasMatchTheContract;
