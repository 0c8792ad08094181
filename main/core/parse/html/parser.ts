import { DomHandler, Parser } from 'htmlparser2';
import type { Document } from 'domhandler';

/**
 * The open-element stack htmlparser2 keeps, with the top at index 0 — but held bottom first, so
 * opening and closing an element cost O(1) instead of moving the whole stack (htmlparser2 uses
 * unshift/shift, which makes 100,000 nested elements take tens of seconds). A count per name
 * answers "is this element open at all?" without a scan, so stray end tags stay cheap too.
 */
export class TopFirstStack<T> {
  private readonly items: T[] = [];
  private readonly counts = new Map<T, number>();

  constructor(initial: readonly T[] = []) {
    for (let i = initial.length - 1; i >= 0; i--) this.unshift(initial[i]!);
  }

  get length(): number {
    return this.items.length;
  }

  set length(value: number) {
    while (this.items.length > value) this.shift();
  }

  get 0(): T | undefined {
    return this.items[this.items.length - 1];
  }

  unshift(item: T): number {
    this.items.push(item);
    this.counts.set(item, (this.counts.get(item) ?? 0) + 1);
    return this.items.length;
  }

  shift(): T | undefined {
    const item = this.items.pop();
    if (item !== undefined) {
      const count = this.counts.get(item)! - 1;
      if (count) this.counts.set(item, count);
      else this.counts.delete(item);
    }
    return item;
  }

  /** Distance of the nearest `item` from the top, or -1. */
  indexOf(item: T): number {
    if (!this.counts.has(item)) return -1;
    const at = this.items.lastIndexOf(item);
    return at < 0 ? -1 : this.items.length - 1 - at;
  }

  /** Top first, as htmlparser2 expects it. */
  toArray(): T[] {
    return this.items.slice().reverse();
  }
}

interface ParserInternals {
  stack: unknown;
  foreignContext: unknown;
}

/** htmlparser2's Parser with O(1) stacks; its other behaviour unchanged. */
class FlatStackParser extends Parser {
  constructor(handler: DomHandler) {
    super(handler, { decodeEntities: true });
    const internals = this as unknown as ParserInternals;
    // Only when the internals are what this was written against; otherwise the stock (slower) stacks stay.
    if (Array.isArray(internals.stack) && Array.isArray(internals.foreignContext)) {
      internals.stack = new TopFirstStack<string>(internals.stack as string[]);
      internals.foreignContext = new TopFirstStack<boolean>(internals.foreignContext as boolean[]);
    }
  }

  /** @internal The end of input closes what is still open, reading the stack by index: hand it an array. */
  override onend(): void {
    const internals = this as unknown as ParserInternals;
    if (internals.stack instanceof TopFirstStack) internals.stack = internals.stack.toArray();
    super.onend();
  }
}

/** Builds the tree and notes whether the page ended before its closing </html> (a cut-short save). */
class PageHandler extends DomHandler {
  cutShort = false;

  override onclosetag(name?: string, isImplied?: boolean): void {
    if (name === 'html' && isImplied) this.cutShort = true;
    super.onclosetag();
  }
}

/** Parses a page into htmlparser2's tree, with start and end offsets on every node. */
export function parseDom(text: string): { doc: Document; cutShort: boolean } {
  const handler = new PageHandler(undefined, { withStartIndices: true, withEndIndices: true });
  const parser = new FlatStackParser(handler);
  parser.end(text);
  return { doc: handler.root, cutShort: handler.cutShort };
}
