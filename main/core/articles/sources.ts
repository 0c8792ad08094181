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

/** "today's", "Sunday's", "last week's": an edition, which names the paper that follows ("today's Times"). */
export const EDITION = String.raw`(?:[Tt]oday|[Yy]esterday|[Tt]onight|[Tt]omorrow|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:[Tt]his|[Ll]ast)\s+(?:morning|night|week|weekend|month)|(?:[Tt]he\s+)?weekend)['’]s`;
/** Words between a determiner and a paper's name: "this recent Guardian piece", "an earlier Observer editorial". */
export const PRESS_MODIFIERS = String.raw`(?:(?:recent|earlier|latest|new|old|excellent|interesting|good|great|long|short|brief|thoughtful|damning|revealing|detailed|scathing|useful|further|online|weekend|front-page)\s+){0,2}`;
/** What a paper publishes: after its name ("this Guardian article") the name is the paper, not the ordinary word. */
export const PRESS_NOUN = String.raw`(?:article|piece|report|story|editorial|leader|column|feature|op-?ed|interview|exclusive|splash|coverage|headline|front\s+page|analysis|investigation|item|podcast|blog|website|site|letters\s+page)s?`;
const EDITION_BEFORE = new RegExp(String.raw`\b${EDITION}\s+$`, 'i');
const DETERMINER_BEFORE = new RegExp(String.raw`\b(?:the|this|that|an?|one|another)\s+${PRESS_MODIFIERS}$`, 'i');
const PRESS_NOUN_AFTER = new RegExp(String.raw`^(?:['’]s)?\s+${PRESS_NOUN}\b`, 'i');

/**
 * Is a name that is also an ordinary word ("Independent", "Times") the paper here? After "the"
 * or an edition ("today's Times"), or after a determiner with what papers publish after it
 * ("this Guardian article", "an earlier Observer editorial"); never before another capitalised
 * word ("the Independent Monitoring Board").
 */
function namesThePaper(text: string, index: number, name: string): boolean {
  const after = text.slice(index + name.length);
  if (/^\s+[A-Z]/.test(after)) return false;
  if (/^the\s/i.test(name)) return true;
  const before = text.slice(Math.max(0, index - 40), index);
  return (
    /\bthe\s$/i.test(before) ||
    EDITION_BEFORE.test(before) ||
    (DETERMINER_BEFORE.test(before) && PRESS_NOUN_AFTER.test(after))
  );
}

/**
 * Every table source named in a text, in order. Names that are ordinary words ("Independent")
 * count only where they name the paper (see namesThePaper).
 */
export function findMentions(text: string): Mention[] {
  const mentions: Mention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const entry = entryOfMention.get(match[0])!;
    const index = match.index;
    if (entry.needsThe && !namesThePaper(text, index, match[0])) continue;
    mentions.push({ entry, index, text: match[0] });
  }
  return mentions;
}
