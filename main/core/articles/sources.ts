import { getDomain } from 'tldts';
import { absoluteUrl } from './urls';
import { SOURCE_TABLE, type KnownSource } from './source-table';
import type { Source } from './types';

/** A name reduced for comparison: lower case, no leading "the", letters and digits only. */
export function sourceKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

const byKey = new Map<string, KnownSource>();
const bySite = new Map<string, KnownSource>();
for (const entry of SOURCE_TABLE) {
  for (const name of [entry.name, ...entry.aliases]) if (!byKey.has(sourceKey(name))) byKey.set(sourceKey(name), entry);
  for (const site of entry.sites) bySite.set(site, entry);
}

/** The table entry a whole name refers to ("Guardian", "the Daily Telegraph", "BigIssue", "MoJ"), if any. */
export function knownSource(name: string): KnownSource | null {
  const key = sourceKey(name);
  return key ? (byKey.get(key) ?? null) : null;
}

/** The display name for a source name: the table's name when it knows it, else the name trimmed. */
export function canonicalSource(name: string): string {
  return knownSource(name)?.name ?? name.trim();
}

/** A table entry as a Source. */
export function asSource(entry: KnownSource): Source {
  return { name: entry.name, kind: entry.kind, site: entry.sites[0] ?? null };
}

/** The registrable domain of a URL ("www.redpepper.org.uk/…" → "redpepper.org.uk"), public-suffix aware; null when unreadable. */
export function siteOf(raw: string): string | null {
  const absolute = absoluteUrl(raw);
  if (!absolute) return null;
  return getDomain(new URL(absolute).hostname, { allowPrivateDomains: true }) ?? null;
}

/** Who a URL is from: the table entry for its site, or the site itself as a website. */
export function sourceOfUrl(raw: string): Source | null {
  const site = siteOf(raw);
  if (!site) return null;
  const entry = bySite.get(site);
  return entry ? { ...asSource(entry), site } : { name: site, kind: 'website', site };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Every alias as written and in capitals, longest first so "Daily Telegraph" wins over "Telegraph". */
const mentionPatterns = SOURCE_TABLE.flatMap((entry) =>
  [entry.name, ...entry.aliases].flatMap((alias) =>
    [...new Set([alias, alias.toUpperCase()])].map((text) => ({ text, entry })),
  ),
).sort((a, b) => b.text.length - a.text.length);
const MENTION = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${mentionPatterns.map((p) => escape(p.text)).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);
const entryOfMention = new Map(mentionPatterns.map((p) => [p.text, p.entry]));

/** A table source named in running text, with where it was found. */
export interface Mention {
  entry: KnownSource;
  index: number;
  text: string;
}

/**
 * Every table source named in a text, in order. Names that are ordinary words ("Independent")
 * count only as "the Independent" not followed by another capitalised word.
 */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const entry = entryOfMention.get(match[0])!;
    const index = match.index;
    if (entry.needsThe) {
      const before = text.slice(Math.max(0, index - 4), index);
      const after = text.slice(index + match[0].length);
      if ((!/^the\s/i.test(match[0]) && !/\bthe\s$/i.test(before)) || /^\s+[A-Z]/.test(after)) continue;
    }
    mentions.push({ entry, index, text: match[0] });
  }
  return mentions;
}
