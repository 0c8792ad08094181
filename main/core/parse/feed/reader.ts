import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { KIND_SCHEME, emptyEntry, type RawEntry } from './entry';

/** Where and why reading stopped before the end of the file. */
export interface Break {
  line: number;
  reason: string;
  /** True when the file declares its own entities: nothing of it is used. */
  entities: boolean;
  /** True when no element was read before the break (the file is not XML at all). */
  beforeRoot: boolean;
}

/** Text fields of an entry, by their path below `<entry>` (local names, prefixes dropped). */
const TEXT_FIELDS: Record<string, keyof RawEntry> = {
  id: 'id',
  published: 'published',
  title: 'title',
  type: 'bloggerType',
  status: 'bloggerStatus',
  parent: 'parent',
  trashed: 'trashed',
  'author/name': 'authorName',
  'author/email': 'authorEmail',
};

interface Frame {
  /** Path below the entry ("author/name"); "" outside an entry. */
  path: string;
  /** The element's name as written. */
  name: string;
}

/** HTML elements with no end tag: `<br/>` inside content must not become two line breaks. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** How many entities XML does not define (`&nbsp;`) are kept as written before the read stops. */
const MAX_UNDEFINED_ENTITIES = 10_000;

/** Thrown out of saxes' handlers to stop it mid-chunk. */
class StopReading extends Error {}

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * Drives saxes over a feed's text, chunk by chunk, and hands each complete `<entry>` to `onEntry`.
 * Keeps only the entry being read. A DOCTYPE that declares entities, or XML that is not well-formed,
 * stops it (`broken`); an undefined entity (`&nbsp;` in XML) is kept as written, with one warning.
 */
export class FeedReader {
  private readonly parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  private readonly stack: Frame[] = [];
  private entry: RawEntry | null = null;
  private entryDepth = -1;
  private capture: string[] | null = null;
  private captureField: keyof RawEntry | 'feedTitle' | null = null;
  /** Stack depth of the open `<content>`, whose child elements are rebuilt as HTML text; -1 outside it. */
  private contentDepth = -1;
  /** Stack depth of the element whose text is being captured. */
  private captureDepth = -1;
  rootName = '';
  feedTitle = '';
  broken: Break | null = null;
  /** Line of the first undefined entity, when there is one. */
  undefinedEntityLine: number | null = null;
  private undefinedEntities = 0;

  constructor(private readonly onEntry: (entry: RawEntry) => void) {
    this.parser.on('opentag', (tag) => this.open(tag));
    this.parser.on('closetag', (tag) => this.close(tag));
    this.parser.on('text', (text) => this.text(text));
    this.parser.on('cdata', (text) => this.text(text));
    this.parser.on('doctype', (doctype) => {
      if (!this.broken && /<!ENTITY/i.test(doctype))
        this.stop('the file declares its own XML entities (a DOCTYPE with <!ENTITY …>)', true);
    });
    this.parser.on('error', (error) => this.fail(error.message));
  }

  /** The line of the next character the parser reads. */
  get line(): number {
    return this.parser.line;
  }

  write(text: string): void {
    if (this.broken) return;
    // saxes makes an Error (with a stack) for each problem it finds: without stacks, a file with
    // many of them costs no more to read than one with none.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      this.parser.write(text);
    } catch (error) {
      this.unexpected(error);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  /** Ends the text: an entry or the feed left open is reported as a break. */
  end(): void {
    if (this.broken) return;
    // Told here rather than by saxes, which reports every element left open, one error each.
    const open = this.stack.length;
    if (open > 0) this.broken = this.breakAt(`the file ends inside <${this.stack[open - 1]!.name}>`);
    else if (this.rootName === '') this.broken = this.breakAt('it holds no XML element');
    else this.closeParser();
  }

  private closeParser(): void {
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      this.parser.close();
    } catch (error) {
      this.unexpected(error);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }

  /** A failure that is not a stop: reported as where reading broke off, never thrown to the caller. */
  private unexpected(error: unknown): void {
    if (error instanceof StopReading) return;
    this.broken ??= this.breakAt(`the reader failed (${error instanceof Error ? error.message : String(error)})`);
  }

  private breakAt(reason: string, entities = false): Break {
    return { line: this.parser.line, reason, entities, beforeRoot: this.rootName === '' };
  }

  /** Stops reading: nothing more of the file is parsed. Throws out of saxes, which has no way to stop. */
  private stop(reason: string, entities = false): never {
    this.broken = this.breakAt(reason, entities);
    this.entry = null;
    this.capture = null;
    this.contentDepth = -1;
    throw new StopReading();
  }

  private fail(message: string): void {
    if (this.broken) return;
    // saxes keeps an undefined entity as written and goes on; only the first one is noted.
    // Past a bound, they stop the read: each costs saxes an Error, and Blogger never writes any.
    if (message.endsWith('undefined entity.')) {
      this.undefinedEntityLine ??= this.parser.line;
      if (++this.undefinedEntities > MAX_UNDEFINED_ENTITIES)
        this.stop(`more than ${MAX_UNDEFINED_ENTITIES.toLocaleString('en')} entities that XML does not define`);
      return;
    }
    const reason = message
      .replace(/^(?:[^:]*:)?\d+:\d+: /, '')
      .replace(/\.$/, '')
      .replace(/^unclosed tag: (.*)$/, 'the file ends inside <$1>')
      .replace(/^unexpected end$/, 'the file ends early');
    this.stop(reason);
  }

  private open(tag: SaxesTagPlain): void {
    if (this.broken) return;
    const local = localName(tag.name);
    const depth = this.stack.length;
    const parent = this.stack[depth - 1];
    if (this.contentDepth >= 0) {
      this.capture?.push(`<${local}>`);
      this.stack.push({ path: '', name: tag.name });
      return;
    }
    if (depth === 0) {
      this.rootName = tag.name;
      if (local !== 'feed' && local !== 'entry') this.stop(`its root element is <${tag.name}>, not an Atom <feed>`);
    }
    // Entries are the feed's children, or the root itself (an Atom entry document).
    if (local === 'entry' && !this.entry && depth <= 1) {
      this.entry = emptyEntry(this.parser.line);
      this.entryDepth = depth;
      this.stack.push({ path: '', name: tag.name });
      return;
    }
    if (!this.entry) {
      this.stack.push({ path: '', name: tag.name });
      if (depth === 1 && local === 'title') this.startCapture('feedTitle');
      return;
    }
    // Only the entry's children and grandchildren are read ("title", "author/name"): deeper paths
    // are never built, so deep nesting costs no more than shallow.
    const below = depth - this.entryDepth;
    const path = below === 1 ? local : below === 2 && parent?.path ? `${parent.path}/${local}` : '';
    this.stack.push({ path, name: tag.name });
    this.openEntryChild(path, tag.attributes);
  }

  private openEntryChild(path: string, attributes: Record<string, string>): void {
    const entry = this.entry!;
    if (path === 'content') {
      entry.contentType = (attributes.type ?? '').toLowerCase();
      entry.contentLine = this.parser.line;
      this.startCapture('content');
      this.contentDepth = this.captureDepth;
    } else if (path === 'category') {
      const term = (attributes.term ?? '').trim();
      if (attributes.scheme === KIND_SCHEME) entry.kindTerm = term;
      else if (term) entry.labels.push(term);
    } else if (path === 'link') {
      if (attributes.rel === 'related' && attributes.href) entry.related = attributes.href.trim();
    } else if (path === 'in-reply-to') {
      entry.inReplyTo = (attributes.ref ?? '').trim();
      entry.inReplyToSource = (attributes.source ?? '').trim();
    } else if (path === 'control/draft') {
      this.startCapture('draft');
    } else {
      const field = TEXT_FIELDS[path];
      if (field) this.startCapture(field);
    }
  }

  /** Captures the text of the element just pushed on the stack. */
  private startCapture(field: keyof RawEntry | 'feedTitle'): void {
    this.capture = [];
    this.captureField = field;
    this.captureDepth = this.stack.length;
  }

  private text(text: string): void {
    if (this.capture)
      this.capture.push(this.entry?.contentType === 'xhtml' && this.contentDepth >= 0 ? escapeText(text) : text);
  }

  private close(tag: SaxesTagPlain): void {
    if (this.broken) return;
    const depth = this.stack.length;
    this.stack.pop();
    if (this.contentDepth >= 0 && depth > this.contentDepth) {
      const local = localName(tag.name);
      if (!VOID.has(local)) this.capture?.push(`</${local}>`);
      return;
    }
    if (this.capture && depth === this.captureDepth) {
      this.contentDepth = -1;
      this.endCapture();
    }
    if (this.entry && this.stack.length === this.entryDepth) {
      const entry = this.entry;
      entry.endLine = this.parser.line;
      this.entry = null;
      this.onEntry(entry);
    }
  }

  private endCapture(): void {
    const value = this.capture!.join('');
    const field = this.captureField!;
    this.capture = null;
    this.captureField = null;
    if (field === 'feedTitle') this.feedTitle = value.trim();
    else if (!this.entry) return;
    else if (field === 'draft') this.entry.draft = value.trim().toLowerCase() === 'yes';
    else if (field === 'content') {
      this.entry.content = value;
      this.entry.contentEndLine = this.parser.line;
    } else (this.entry as unknown as Record<string, string>)[field] = value.trim();
  }
}
