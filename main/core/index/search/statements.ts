import type Database from 'better-sqlite3';
import type { IndexDb } from '../db';

type Statement = Database.Statement<unknown[]>;

/** Statements a search runs, prepared once per connection (preparing costs about as much as a rare word's search). */
const prepared = new WeakMap<IndexDb, Map<string, Statement>>();

/** The statement for `sql` on this connection, prepared on first use; `raw` ones return rows as arrays. */
export function statement(db: IndexDb, sql: string, raw = false): Statement {
  let cache = prepared.get(db);
  if (!cache) prepared.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    st = db.prepare<unknown[]>(sql);
    if (raw) st.raw(true);
    cache.set(sql, st);
  }
  return st;
}
