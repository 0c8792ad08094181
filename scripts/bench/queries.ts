import type { IndexDb } from '../../main/core/index/db';
import { SHARD_SCHEMAS } from '../../main/core/index/schema';

export type QueryKind = 'rare' | 'common' | 'medium' | 'phrase' | 'prefix' | 'two-word';

export interface BenchQuery {
  kind: QueryKind;
  /** What a user types into the search box. */
  text: string;
  /** Fixed strings `rg -c -i` looks for to answer the same question over the files. */
  rg: string[];
}

const WORDLIKE = "term GLOB '[a-z]*' AND term NOT GLOB '*[^a-z]*'";

/** `count` items spread evenly over a list (deterministic). */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

/**
 * Fifty varied queries drawn from the index itself (its FTS5 vocabulary and its texts), the
 * same for the same corpus: rare words, the most common words ("the", "probation"), words
 * of middling frequency, phrases lifted from comments, prefixes ("privat*") and two-word queries.
 */
export function buildQueries(db: IndexDb): BenchQuery[] {
  // The shards' vocabularies together (schema.ts), and their texts as one table.
  const shards = SHARD_SCHEMAS;
  for (const t of shards)
    db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.bench_vocab_${t} USING fts5vocab(${t}, 'docs_fts', 'row')`);
  db.exec(
    `CREATE TEMP VIEW IF NOT EXISTS bench_vocab AS ${shards.map((t) => `SELECT term, doc FROM temp.bench_vocab_${t}`).join(' UNION ALL ')}`,
  );
  db.exec(
    `CREATE TEMP VIEW IF NOT EXISTS bench_docs AS ${shards.map((t) => `SELECT rowid AS id, kind, body FROM ${t}.docs`).join(' UNION ALL ')}`,
  );
  // Every word-like term (letters only, 4+ long) with how many texts hold it, rarest first.
  const vocabulary = (
    db
      .prepare(
        `SELECT term, sum(doc) AS doc FROM temp.bench_vocab WHERE ${WORDLIKE} AND length(term) >= 4 GROUP BY term ORDER BY doc, term`,
      )
      .all() as {
      term: string;
      doc: number;
    }[]
  ).map((r) => r.term);
  if (vocabulary.length < 50)
    throw new Error(`the index holds only ${vocabulary.length} distinct words; too few to draw 50 queries from`);
  const band = (from: number, to: number) =>
    vocabulary.slice(Math.floor(vocabulary.length * from), Math.ceil(vocabulary.length * to));
  // Rare: the rarest tenth of the vocabulary (a synthetic corpus has few truly rare words).
  const rare = spread(band(0, 0.1), 15);
  const top = vocabulary.slice(-12).reverse();
  const common = ['probation', 'the', ...top.filter((t) => t !== 'probation').slice(0, 6)];
  const mediumPool = band(0.4, 0.7);
  const medium = spread(mediumPool, 14);

  // Phrases: three consecutive words from comments spread over the library.
  const maxRowid =
    (db.prepare("SELECT max(id) AS m FROM temp.bench_docs WHERE kind = 'comment'").get() as { m: number | null }).m ??
    0;
  const commentAt = db.prepare(
    "SELECT body FROM temp.bench_docs WHERE kind = 'comment' AND id >= ? ORDER BY id LIMIT 1",
  );
  const phrases: string[] = [];
  for (let i = 0; phrases.length < 7 && i < 200; i++) {
    const row = commentAt.get(Math.floor((((i * 7919) % 1000) / 1000) * maxRowid)) as { body: string } | undefined;
    const words = row?.body.split(/\s+/).filter((w) => /^[a-z]{3,}$/i.test(w)) ?? [];
    // Words adjacent in the text, not only after filtering.
    const text = row?.body ?? '';
    for (let w = Math.floor(words.length / 3); w + 2 < words.length; w++) {
      const phrase = `${words[w]} ${words[w + 1]} ${words[w + 2]}`;
      if (text.includes(phrase) && !phrases.includes(phrase)) {
        phrases.push(phrase);
        break;
      }
    }
  }

  const prefixes = [
    'privat',
    'pro',
    ...spread(
      mediumPool.filter((t) => t.length >= 7),
      4,
    ).map((t) => t.slice(0, 5)),
  ];
  const pick = (list: string[], i: number) => list[i % list.length]!;
  const twoWord: [string, string][] = [
    [pick(rare, 0), 'probation'],
    [pick(medium, 8), pick(medium, 11)],
    [pick(common, 2), pick(common, 3)],
    [pick(medium, 12), pick(rare, 5)],
    ['probation', 'officer'],
    [pick(medium, 13), 'the'],
  ];

  const queries: BenchQuery[] = [
    ...rare.map((w) => ({ kind: 'rare' as const, text: w, rg: [w] })),
    ...common.map((w) => ({ kind: 'common' as const, text: w, rg: [w] })),
    ...medium.slice(0, 8).map((w) => ({ kind: 'medium' as const, text: w, rg: [w] })),
    ...phrases.map((p) => ({ kind: 'phrase' as const, text: `"${p}"`, rg: [p] })),
    ...prefixes.map((p) => ({ kind: 'prefix' as const, text: `${p}*`, rg: [p] })),
    ...twoWord.map(([a, b]) => ({ kind: 'two-word' as const, text: `${a} ${b}`, rg: [a, b] })),
  ];
  db.exec('DROP VIEW IF EXISTS temp.bench_vocab; DROP VIEW IF EXISTS temp.bench_docs');
  for (const t of shards) db.exec(`DROP TABLE IF EXISTS temp.bench_vocab_${t}`);
  return queries;
}
