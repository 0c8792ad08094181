/**
 * Annotations out and in: Markdown for notes apps and reports, and the W3C Web Annotation
 * data model as JSON-LD (https://www.w3.org/TR/annotation-model/), which imports again
 * without duplicates (ids are kept as urn:uuid: ids).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { z } from 'zod';
import { buildLink } from '../shared/links';
import { describePart } from '../shared/part-keys';
import { COLOURS, LIMITS, type NewAnnotation } from './store';
import type { Annotation } from './types';

const STATE_WORDS = {
  exact: '',
  fuzzy: ' (found again in edited text)',
  orphan: ' (orphaned: the passage is no longer in this post)',
} as const;

/**
 * Markdown: a section per post (title and date), each annotation as a block quote with its note, tags and place,
 * and, given the library's link id, a threadline:// link back to it.
 */
export function toMarkdown(annotations: readonly Annotation[], heading = 'Annotations', linkId?: string): string {
  const lines: string[] = [`# ${heading}`, ''];
  const byPost = new Map<string, Annotation[]>();
  for (const a of annotations) byPost.set(a.postId, [...(byPost.get(a.postId) ?? []), a]);
  for (const list of byPost.values()) {
    const first = list[0]!;
    lines.push(
      `## ${first.postTitle || first.postId}`,
      '',
      `${first.postDate ?? 'Undated'} · post \`${first.postId}\``,
      '',
    );
    for (const a of list) {
      const where = describePart(a.anchor.part ?? a.part);
      if (a.kind === 'flag') lines.push(`**Flagged:** ${where}${STATE_WORDS[a.anchor.state]}`, '');
      if (a.quote && a.kind === 'highlight') {
        for (const line of a.quote.exact.replace(/\s+$/, '').split('\n')) lines.push(`> ${line}`.trimEnd());
        lines.push('');
      }
      if (a.note.trim()) lines.push(a.note.trim(), '');
      const meta = [
        a.kind === 'highlight' ? `${where}${STATE_WORDS[a.anchor.state]}` : null,
        a.colour,
        ...a.tags.map((t) => `#${t.replace(/\s+/g, '-')}`),
      ].filter(Boolean);
      const back = linkId
        ? ` · [open in Threadline](${buildLink({ library: linkId, postId: a.postId, annotationId: a.id })})`
        : '';
      lines.push(`*${meta.join(' · ')}*${back}`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The Threadline namespace for what the W3C model has no term for (colour, the post, the part). */
const NS = 'https://threadline.app/ns/annotation#';

export interface JsonLdAnnotation {
  id: string;
  type: 'Annotation';
  motivation: 'highlighting' | 'commenting' | 'bookmarking';
  created: string;
  modified: string;
  body: { type: 'TextualBody'; value: string; purpose: 'commenting' | 'tagging'; format?: string }[];
  target: {
    source: string;
    selector: (
      | { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }
      | { type: 'TextPositionSelector'; start: number; end: number }
    )[];
  };
  'threadline:post': { id: string; title: string; date: string | null; part: string };
  'threadline:colour': string;
  'threadline:kind': 'highlight' | 'flag';
}

/** What an export holds: a library's annotations, or one post's. */
export interface ExportScope {
  /** The library folder, as the annotations record it. */
  library: string;
  postId?: string | null;
  /** The library's link id (main/core/link-target.ts): the Markdown links back to each annotation. */
  linkId?: string;
}

/**
 * The IRI of the collection exported for a scope: the same library (and post) gives the same id on every
 * export, as the Web Annotation model asks of a collection (§5.1); its one page is `<id>/page/1` (§5.2).
 */
export function collectionIri(scope: ExportScope): string {
  const key = createHash('sha1')
    .update(`${scope.library}\0${scope.postId ?? ''}`)
    .digest('hex')
    .slice(0, 20);
  return `threadline:annotations/${key}`;
}

/**
 * An export's text: Markdown for notes apps, or W3C Web Annotation JSON-LD. Its title names the library and,
 * for one post's export, the post.
 */
export function exportText(
  annotations: readonly Annotation[],
  format: 'markdown' | 'jsonld',
  scope: ExportScope,
): string {
  const post = scope.postId ? ` — ${annotations[0]?.postTitle ?? scope.postId}` : '';
  const label = `Threadline annotations — ${basename(scope.library)}${post}`;
  return format === 'jsonld'
    ? `${JSON.stringify(toJsonLd(annotations, label, scope), null, 2)}\n`
    : toMarkdown(annotations, label, scope.linkId);
}

/** A W3C AnnotationCollection of the given annotations, with one AnnotationPage, each with its stable IRI. */
export function toJsonLd(annotations: readonly Annotation[], label: string, scope: ExportScope): object {
  const items: JsonLdAnnotation[] = annotations.map((a) => ({
    id: `urn:uuid:${a.id}`,
    type: 'Annotation',
    motivation: a.kind === 'flag' ? 'bookmarking' : a.note.trim() ? 'commenting' : 'highlighting',
    created: a.created,
    modified: a.updated,
    body: [
      ...(a.note.trim()
        ? [{ type: 'TextualBody' as const, value: a.note, purpose: 'commenting' as const, format: 'text/markdown' }]
        : []),
      ...a.tags.map((tag) => ({ type: 'TextualBody' as const, value: tag, purpose: 'tagging' as const })),
    ],
    target: {
      source: `threadline:post/${encodeURIComponent(a.postId)}#${encodeURIComponent(a.part)}`,
      selector: [
        ...(a.quote ? [{ type: 'TextQuoteSelector' as const, ...a.quote }] : []),
        ...(a.position ? [{ type: 'TextPositionSelector' as const, ...a.position }] : []),
      ],
    },
    'threadline:post': { id: a.postId, title: a.postTitle, date: a.postDate, part: a.part },
    'threadline:colour': a.colour,
    'threadline:kind': a.kind,
  }));
  const id = collectionIri(scope);
  return {
    '@context': ['http://www.w3.org/ns/anno.jsonld', { threadline: NS }],
    id,
    type: 'AnnotationCollection',
    label,
    total: items.length,
    first: { id: `${id}/page/1`, type: 'AnnotationPage', partOf: id, startIndex: 0, items },
  };
}

const textBody = z
  .object({
    type: z.literal('TextualBody'),
    value: z.string().max(LIMITS.note),
    purpose: z.enum(['commenting', 'tagging']).optional(),
  })
  .passthrough();
const selector = z.union([
  z
    .object({
      type: z.literal('TextQuoteSelector'),
      exact: z.string().max(LIMITS.quote),
      prefix: z.string().max(10_000).default(''),
      suffix: z.string().max(10_000).default(''),
    })
    .passthrough(),
  z
    .object({ type: z.literal('TextPositionSelector'), start: z.number().int().min(0), end: z.number().int().min(0) })
    .passthrough(),
  z.object({ type: z.string() }).passthrough(),
]);
const item = z
  .object({
    id: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/i, 'an id of the form urn:uuid:…'),
    type: z.literal('Annotation'),
    created: z.string().max(64).optional(),
    modified: z.string().max(64).optional(),
    body: z.union([textBody, z.array(textBody).max(LIMITS.tags + 1)]).optional(),
    target: z.object({ selector: z.union([selector, z.array(selector).max(8)]).optional() }).passthrough(),
    'threadline:post': z.object({
      id: z.string().min(1).max(1024),
      title: z.string().max(2000),
      date: z.string().max(32).nullable(),
      part: z.string().min(1).max(2048),
    }),
    'threadline:colour': z.enum(COLOURS).optional(),
    'threadline:kind': z.enum(['highlight', 'flag']).optional(),
  })
  .passthrough();
const collection = z
  .object({
    type: z.literal('AnnotationCollection'),
    first: z.object({ items: z.array(z.unknown()).max(1_000_000) }).passthrough(),
  })
  .passthrough();

/** Reads a JSON-LD export (a collection, a page, or an array of annotations) into annotations for `library`. Throws with what is wrong and where. */
export function fromJsonLd(json: unknown, library: string): (NewAnnotation & { id: string })[] {
  const items: unknown[] = Array.isArray(json)
    ? json
    : (json as { type?: string })?.type === 'AnnotationPage'
      ? ((json as { items?: unknown[] }).items ?? [])
      : (() => {
          const parsed = collection.safeParse(json);
          if (!parsed.success)
            throw new Error(
              `it is not a W3C AnnotationCollection (${parsed.error.issues[0]?.path.join('.') || 'top'}: ${parsed.error.issues[0]?.message})`,
            );
          return parsed.data.first.items;
        })();
  return items.map((raw, index) => {
    const parsed = item.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`annotation ${index + 1}: ${[...issue.path].join('.') || 'it'} — ${issue.message}`);
    }
    const a = parsed.data;
    const bodies = a.body === undefined ? [] : Array.isArray(a.body) ? a.body : [a.body];
    const selectors =
      a.target.selector === undefined ? [] : Array.isArray(a.target.selector) ? a.target.selector : [a.target.selector];
    const quote = selectors.find(
      (s): s is { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } =>
        s.type === 'TextQuoteSelector',
    );
    const position = selectors.find(
      (s): s is { type: 'TextPositionSelector'; start: number; end: number } => s.type === 'TextPositionSelector',
    );
    const kind = a['threadline:kind'] ?? (quote ? 'highlight' : 'flag');
    return {
      id: a.id.slice('urn:uuid:'.length).toLowerCase(),
      library,
      postId: a['threadline:post'].id,
      postTitle: a['threadline:post'].title,
      postDate: a['threadline:post'].date,
      part: a['threadline:post'].part,
      kind,
      selectors: quote
        ? {
            quote: { exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
            position: position ? { start: position.start, end: position.end } : { start: 0, end: 0 },
          }
        : null,
      colour: a['threadline:colour'] ?? 'yellow',
      note: bodies
        .filter((b) => b.purpose !== 'tagging')
        .map((b) => b.value)
        .join('\n\n'),
      tags: bodies.filter((b) => b.purpose === 'tagging').map((b) => b.value),
      ...(a.created ? { created: a.created } : {}),
      ...(a.modified ? { updated: a.modified } : {}),
    };
  });
}
