/**
 * The writer that durability.test.ts kills with SIGKILL: opens the annotations file given on the
 * command line with openAnnotations and an AnnotationStore, waits for "go" on stdin (so the test
 * can start it while the previous writer is still running), then writes for ever — adds, updates
 * of note, tags and colour, bins, restores, and now and then an emptied bin.
 *
 *   node --import tsx test-support/durability-child.ts <annotations.sqlite> <seed> <label>
 *
 * (The test bundles it with esbuild first: a bundle starts several times sooner than the source
 * through tsx, and the test starts a child every round.)
 *
 * It prints, each line in one synchronous write (a pipe write of under 4 KiB is atomic, and
 * nothing waits in a buffer):
 *   ready                    the file is open (or `fail <reason>`, then it exits)
 *   try <seq> <json Write>   before a write starts
 *   ack <seq>                after the write's store call has returned, i.e. its transaction committed
 * so at most one write (the last `try` without an `ack`) is in flight when the process dies.
 */
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { describeRange } from '../main/core/annotations/anchor';
import { prng } from './prng';
import { openAnnotations } from '../main/core/annotations/db';
import { AnnotationStore, COLOURS, type Colour } from '../main/core/annotations/store';

/** One write, as the child announces it: enough for the test to know the state it leaves. */
export type Write =
  | {
      op: 'add';
      id: string;
      library: string;
      kind: 'highlight' | 'flag';
      start: number;
      end: number;
      colour: Colour;
      note: Note;
      tags: string[];
    }
  | { op: 'update'; id: string; colour?: Colour; note?: Note; tags?: string[] }
  | { op: 'remove'; id: string }
  | { op: 'restore'; id: string }
  | { op: 'emptyBin'; library: string };

/** A note as announced: its label and how many characters of padding follow it (long notes span several pages). */
export interface Note {
  label: string;
  pad: number;
}

export const noteText = (note: Note): string =>
  note.pad ? `${note.label} ${'lorem ipsum '.repeat(Math.ceil(note.pad / 12)).slice(0, note.pad)}` : note.label;

/** The text highlights are made in. */
export const TEXT =
  'Probation officers warned that the split would fail, and it did; the inspectorate said so in 2019, twice.';
/** Where each word of TEXT starts and ends: highlights are whole words. */
const WORDS = [...TEXT.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
export const LIBRARIES = ['/lib/a', '/lib/b'] as const;
const TAGS = ['split', 'tr', 'privatisation', 'probation', 'inspectorate', 'moj', 'later', 'quote'];

export { prng };

function say(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(1, bytes, done);
    } catch (error) {
      // A full non-blocking pipe: try again. Anything else (EPIPE: the test is gone) ends the process.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

async function main(): Promise<void> {
  const [path, seedArg, label] = process.argv.slice(2);
  if (!path || !seedArg || !label) throw new Error('usage: durability-child.ts <annotations.sqlite> <seed> <label>');
  const random = prng(Number(seedArg));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const someTags = () => TAGS.filter(() => random() < 0.25);
  const someNote = (seq: number): Note => ({
    label: `${label}.${seq}`,
    pad: random() < 0.1 ? 4_000 + Math.floor(random() * 40_000) : 0,
  });

  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
  const { db, status } = await openAnnotations(path);
  if (!db) {
    say(`fail ${status.state === 'unavailable' ? status.reason : status.state}`);
    process.exit(2);
  }
  const store = new AnnotationStore(db);
  say('ready');

  // What is there now: ids, whether binned, and their library.
  const known = new Map<string, { library: string; deleted: boolean }>();
  for (const row of db.prepare('SELECT id, library, deleted IS NOT NULL AS deleted FROM annotations').all() as {
    id: string;
    library: string;
    deleted: number;
  }[])
    known.set(row.id, { library: row.library, deleted: row.deleted === 1 });

  // The writer stops by itself after a while, should the test that kills it have gone.
  const until = Date.now() + 30_000;
  for (let seq = 1; Date.now() < until; seq++) {
    const ids = [...known.keys()];
    const roll = random();
    let write: Write;
    if (!ids.length || roll < 0.35) {
      const first = Math.floor(random() * WORDS.length);
      const last = Math.min(WORDS.length - 1, first + Math.floor(random() * 5));
      write = {
        op: 'add',
        id: `${label}.${seq}`,
        library: pick(LIBRARIES),
        kind: random() < 0.8 ? 'highlight' : 'flag',
        start: WORDS[first]!.start,
        end: WORDS[last]!.end,
        colour: pick(COLOURS),
        note: someNote(seq),
        tags: someTags(),
      };
    } else if (roll < 0.75) {
      const id = pick(ids);
      const patch: { colour?: Colour; note?: Note; tags?: string[] } = {};
      const which = 1 + Math.floor(random() * 7); // a non-empty subset of colour, note, tags
      if (which & 1) patch.note = someNote(seq);
      if (which & 2) patch.tags = someTags();
      if (which & 4) patch.colour = pick(COLOURS);
      write = { op: 'update', id, ...patch };
    } else if (roll < 0.985) {
      const id = pick(ids);
      write = { op: known.get(id)!.deleted ? 'restore' : 'remove', id };
    } else {
      write = { op: 'emptyBin', library: pick(LIBRARIES) };
    }

    say(`try ${seq} ${JSON.stringify(write)}`);
    switch (write.op) {
      case 'add':
        store.add({
          id: write.id,
          library: write.library,
          postId: 'post-1',
          postTitle: 'The split',
          postDate: '2019-03-01',
          part: 'body',
          kind: write.kind,
          selectors: write.kind === 'highlight' ? describeRange(TEXT, write.start, write.end) : null,
          colour: write.colour,
          note: noteText(write.note),
          tags: write.tags,
        });
        known.set(write.id, { library: write.library, deleted: false });
        break;
      case 'update':
        store.update(write.id, {
          ...(write.colour !== undefined && { colour: write.colour }),
          ...(write.note !== undefined && { note: noteText(write.note) }),
          ...(write.tags !== undefined && { tags: write.tags }),
        });
        break;
      case 'remove':
        store.remove(write.id);
        known.get(write.id)!.deleted = true;
        break;
      case 'restore':
        store.restore(write.id);
        known.get(write.id)!.deleted = false;
        break;
      case 'emptyBin':
        store.emptyBin(write.library);
        for (const [id, a] of known) if (a.library === write.library && a.deleted) known.delete(id);
        break;
    }
    say(`ack ${seq}`);
  }
  db.close();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
