/**
 * Reading and writing annotations. Every write is one transaction; deleting puts an annotation
 * in the bin (undo restores it) until the bin is emptied.
 */
import { randomUUID } from 'node:crypto';
import type { AnchorState, Selectors } from './anchor';
import type { AnnotationsDb } from './db';
import type { Annotation, AnnotationFilter } from './types';

import { COLOURS, type Colour } from '../shared/colours';

export { COLOURS, type Colour };

/** Longest note, tag, and quote accepted (a quote longer than a long comment is a mistake). */
export const LIMITS = { note: 100_000, tag: 64, tags: 32, quote: 20_000, context: 64 } as const;

/** What adding an annotation takes: where it is and what it says; the store fills in the rest. */
export type NewAnnotation = Pick<Annotation, 'library' | 'postId' | 'postTitle' | 'postDate' | 'part' | 'kind'> &
  Partial<Pick<Annotation, 'colour' | 'note' | 'tags' | 'created' | 'updated'>> & {
    /** Kept on import (so the same file imported twice adds nothing); made up otherwise. */
    id?: string;
    selectors?: Selectors | null;
  };

/** A request that cannot be carried out; `code` says which kind ("not-found", "invalid"). */
export class AnnotationError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

/** Tags as stored: trimmed, inner white space collapsed, a leading # dropped, no empty ones or repeats (case-insensitively). Listed alphabetically. */
export function cleanTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.replace(/\s+/g, ' ').trim().replace(/^#/, '');
    if (!tag) continue;
    if (tag.length > LIMITS.tag)
      throw new AnnotationError(
        'invalid',
        `The tag "${tag.slice(0, 20)}…" is too long: a tag has at most ${LIMITS.tag} characters.`,
      );
    if (seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  if (out.length > LIMITS.tags)
    throw new AnnotationError('invalid', `Too many tags: an annotation has at most ${LIMITS.tags}.`);
  return out;
}

interface Row {
  id: string;
  library: string;
  post_id: string;
  post_title: string;
  post_date: string | null;
  part: string;
  kind: 'highlight' | 'flag';
  exact: string;
  prefix: string;
  suffix: string;
  start: number | null;
  end: number | null;
  colour: Colour;
  note: string;
  created: string;
  updated: string;
  deleted: string | null;
  state: AnchorState;
  anchor_part: string | null;
  anchor_start: number | null;
  anchor_end: number | null;
  tags: string | null;
}

const fromRow = (r: Row): Annotation => ({
  id: r.id,
  library: r.library,
  postId: r.post_id,
  postTitle: r.post_title,
  postDate: r.post_date,
  part: r.part,
  kind: r.kind,
  quote: r.exact ? { exact: r.exact, prefix: r.prefix, suffix: r.suffix } : null,
  position: r.start !== null && r.end !== null ? { start: r.start, end: r.end } : null,
  colour: r.colour,
  note: r.note,
  tags: r.tags ? (JSON.parse(r.tags) as string[]) : [],
  created: r.created,
  updated: r.updated,
  deleted: r.deleted,
  anchor: { state: r.state, part: r.anchor_part, start: r.anchor_start, end: r.anchor_end },
});

const SELECT = `SELECT a.*, (SELECT json_group_array(tag) FROM (SELECT tag FROM tags t WHERE t.annotation_id = a.id ORDER BY t.tag COLLATE NOCASE)) AS tags FROM annotations a`;

/** The annotations of one database file. */
export class AnnotationStore {
  private readonly s;

  constructor(
    readonly db: AnnotationsDb,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.s = {
      get: db.prepare(`${SELECT} WHERE a.id = ?`),
      insert: db.prepare(
        `INSERT INTO annotations(id, library, post_id, post_title, post_date, part, kind, exact, prefix, suffix, start, end, colour, note, created, updated, state, anchor_part, anchor_start, anchor_end)
         VALUES (@id, @library, @postId, @postTitle, @postDate, @part, @kind, @exact, @prefix, @suffix, @start, @end, @colour, @note, @created, @updated, 'exact', @part, @start, @end)`,
      ),
      exists: db.prepare('SELECT 1 FROM annotations WHERE id = ?').pluck(),
      addTag: db.prepare('INSERT OR IGNORE INTO tags(annotation_id, tag) VALUES (?, ?)'),
      clearTags: db.prepare('DELETE FROM tags WHERE annotation_id = ?'),
      setNote: db.prepare('UPDATE annotations SET note = ?, updated = ? WHERE id = ?'),
      setColour: db.prepare('UPDATE annotations SET colour = ?, updated = ? WHERE id = ?'),
      touch: db.prepare('UPDATE annotations SET updated = ? WHERE id = ?'),
      setDeleted: db.prepare('UPDATE annotations SET deleted = ?, updated = ? WHERE id = ?'),
      emptyBin: db.prepare('DELETE FROM annotations WHERE deleted IS NOT NULL AND library = ?'),
      setAnchor: db.prepare(
        'UPDATE annotations SET state = ?, anchor_part = ?, anchor_start = ?, anchor_end = ?, anchor_hash = ? WHERE id = ?',
      ),
      // One hash shared by every annotation of the post (bin included), or null.
      anchorHash: db
        .prepare(
          'SELECT CASE WHEN count(DISTINCT anchor_hash) = 1 AND count(*) = count(anchor_hash) THEN max(anchor_hash) END FROM annotations WHERE library = ? AND post_id = ?',
        )
        .pluck(),
      countsByPost: db.prepare(
        'SELECT post_id AS postId, count(*) AS count FROM annotations WHERE library = ? AND deleted IS NULL GROUP BY post_id',
      ),
      allTags: db.prepare(
        'SELECT t.tag AS tag, count(*) AS count FROM tags t JOIN annotations a ON a.id = t.annotation_id WHERE a.library = ? AND a.deleted IS NULL GROUP BY t.tag ORDER BY count DESC, t.tag',
      ),
    };
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  get(id: string): Annotation | null {
    const row = this.s.get.get(id) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  private need(id: string): Annotation {
    const found = this.get(id);
    if (!found)
      throw new AnnotationError('not-found', `There is no annotation ${id}: it may have been removed from the bin.`);
    return found;
  }

  /** Adds an annotation; returns it as stored. */
  add(input: NewAnnotation): Annotation {
    const id = this.insert(input);
    return this.get(id)!;
  }

  private insert(input: NewAnnotation): string {
    // A flag carries its comment's opening words as a quote, so that it follows the comment when ids shift.
    const selectors = input.selectors ?? null;
    if (input.kind === 'highlight' && (!selectors || !selectors.quote.exact.trim()))
      throw new AnnotationError('invalid', 'A highlight needs the text it marks: select some words first.');
    if (selectors && selectors.quote.exact.length > LIMITS.quote)
      throw new AnnotationError(
        'invalid',
        `The selection is too long to highlight (over ${LIMITS.quote.toLocaleString('en-GB')} characters): select less.`,
      );
    if ((input.note ?? '').length > LIMITS.note)
      throw new AnnotationError(
        'invalid',
        `The note is too long: a note has at most ${LIMITS.note.toLocaleString('en-GB')} characters.`,
      );
    const colour = input.colour ?? 'yellow';
    if (!COLOURS.includes(colour))
      throw new AnnotationError('invalid', `"${String(colour)}" is not a highlight colour (${COLOURS.join(', ')}).`);
    const tags = cleanTags(input.tags ?? []);
    const now = this.stamp();
    const id = input.id ?? randomUUID();
    this.db.transaction(() => {
      this.s.insert.run({
        id,
        library: input.library,
        postId: input.postId,
        postTitle: input.postTitle,
        postDate: input.postDate,
        part: input.part,
        kind: input.kind,
        exact: selectors?.quote.exact ?? '',
        prefix: (selectors?.quote.prefix ?? '').slice(-LIMITS.context),
        suffix: (selectors?.quote.suffix ?? '').slice(0, LIMITS.context),
        start: selectors?.position.start ?? null,
        end: selectors?.position.end ?? null,
        colour,
        note: input.note ?? '',
        created: input.created ?? now,
        updated: input.updated ?? input.created ?? now,
      });
      for (const tag of tags) this.s.addTag.run(id, tag);
    })();
    return id;
  }

  /**
   * Adds those whose id is not here yet (in the bin counts as here), in one transaction:
   * importing the same file twice adds nothing.
   */
  addMissing(inputs: readonly (NewAnnotation & { id: string })[]): { added: string[]; skipped: string[] } {
    const added: string[] = [];
    const skipped: string[] = [];
    this.db.transaction(() => {
      for (const input of inputs) {
        if (this.s.exists.get(input.id) !== undefined) skipped.push(input.id);
        else added.push(this.insert(input));
      }
    })();
    return { added, skipped };
  }

  /** Changes an annotation's colour, note or tags (tags replace the old ones). */
  update(id: string, patch: { colour?: Colour; note?: string; tags?: string[] }): Annotation {
    this.need(id);
    if (patch.colour !== undefined && !COLOURS.includes(patch.colour))
      throw new AnnotationError(
        'invalid',
        `"${String(patch.colour)}" is not a highlight colour (${COLOURS.join(', ')}).`,
      );
    if (patch.note !== undefined && patch.note.length > LIMITS.note)
      throw new AnnotationError(
        'invalid',
        `The note is too long: a note has at most ${LIMITS.note.toLocaleString('en-GB')} characters.`,
      );
    const tags = patch.tags ? cleanTags(patch.tags) : null;
    const now = this.stamp();
    this.db.transaction(() => {
      if (patch.colour !== undefined) this.s.setColour.run(patch.colour, now, id);
      if (patch.note !== undefined) this.s.setNote.run(patch.note, now, id);
      if (tags) {
        this.s.clearTags.run(id);
        for (const tag of tags) this.s.addTag.run(id, tag);
        this.s.touch.run(now, id);
      }
    })();
    return this.get(id)!;
  }

  /** Puts an annotation in the bin. */
  remove(id: string): Annotation {
    this.need(id);
    const now = this.stamp();
    this.s.setDeleted.run(now, now, id);
    return this.get(id)!;
  }

  /** Takes an annotation out of the bin. */
  restore(id: string): Annotation {
    this.need(id);
    this.s.setDeleted.run(null, this.stamp(), id);
    return this.get(id)!;
  }

  /** Deletes for good what is in a library's bin; returns how many. */
  emptyBin(library: string): number {
    return this.db.transaction(() => this.s.emptyBin.run(library).changes)();
  }

  /** Annotations matching a filter, post by post (newest post first), in reading order within a post. */
  list(filter: AnnotationFilter = {}): Annotation[] {
    const where: string[] = [filter.deleted ? 'a.deleted IS NOT NULL' : 'a.deleted IS NULL'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      where.push(sql);
      params.push(value);
    };
    if (filter.library !== undefined) add('a.library = ?', filter.library);
    if (filter.postId !== undefined) add('a.post_id = ?', filter.postId);
    if (filter.colour !== undefined) add('a.colour = ?', filter.colour);
    if (filter.state !== undefined) add('a.state = ?', filter.state);
    if (filter.tag !== undefined)
      add('EXISTS (SELECT 1 FROM tags t WHERE t.annotation_id = a.id AND t.tag = ? COLLATE NOCASE)', filter.tag);
    if (filter.text?.trim()) {
      for (const word of filter.text.trim().split(/\s+/)) {
        const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push("(a.note LIKE ? ESCAPE '\\' OR a.exact LIKE ? ESCAPE '\\' OR a.post_title LIKE ? ESCAPE '\\')");
        params.push(like, like, like);
      }
    }
    const rows = this.db
      .prepare(
        `${SELECT} WHERE ${where.join(' AND ')} ORDER BY a.post_date DESC, a.post_id, a.anchor_part, a.anchor_start, a.created`,
      )
      .all(...params) as Row[];
    return rows.map(fromRow);
  }

  /** Live annotations per post of a library. */
  countsByPost(library: string): Map<string, number> {
    return new Map(
      (this.s.countsByPost.all(library) as { postId: string; count: number }[]).map((r) => [r.postId, r.count]),
    );
  }

  /** Every tag in use in a library, most used first. */
  tags(library: string): { tag: string; count: number }[] {
    return this.s.allTags.all(library) as { tag: string; count: number }[];
  }

  /**
   * Records where annotations were found after anchoring them again, and the sha1 of the file
   * they were anchored in (derived data: not an edit, so `updated` stays).
   */
  setAnchors(
    anchors: readonly {
      id: string;
      state: AnchorState;
      part: string | null;
      start: number | null;
      end: number | null;
    }[],
    hash: string | null = null,
  ): void {
    if (!anchors.length) return;
    this.db.transaction(() => {
      for (const a of anchors) this.s.setAnchor.run(a.state, a.part, a.start, a.end, hash, a.id);
    })();
  }

  /** The file hash all of a post's annotations were last anchored in; null when any is new or they differ. */
  anchorHash(library: string, postId: string): string | null {
    return (this.s.anchorHash.get(library, postId) as string | null | undefined) ?? null;
  }
}
