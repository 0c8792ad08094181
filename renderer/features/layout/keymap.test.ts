import { describe, expect, it } from 'vitest';
import { MENU_COMMAND_IDS } from '../../../main/core/shared/commands';
import type { AppState } from '../../store';
import {
  applies,
  BINDINGS,
  chordMatches,
  createMatcher,
  keyLabel,
  parseChord,
  sheetGroups,
  type Binding,
} from './keymap';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {},
  target: EventTarget | null = null,
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  target,
  ...mods,
});

const binding = (id: string, keys: string[], when: Binding['when'] = 'reader'): Binding => ({
  id,
  keys,
  description: id,
  group: 'Reading',
  when,
  run: () => undefined,
});

describe('chords', () => {
  it('match a printable character whatever Shift it took, never with Ctrl, ⌘ or Alt', () => {
    expect(chordMatches(parseChord('j'), key('j'))).toBe(true);
    expect(chordMatches(parseChord('j'), key('J', { shiftKey: true }))).toBe(false);
    expect(chordMatches(parseChord('J'), key('J', { shiftKey: true }))).toBe(true);
    expect(chordMatches(parseChord('?'), key('?', { shiftKey: true }))).toBe(true);
    expect(chordMatches(parseChord('j'), key('j', { ctrlKey: true }))).toBe(false);
    expect(chordMatches(parseChord('j'), key('j', { altKey: true }))).toBe(false);
  });

  it('match Mod as Ctrl or ⌘, with exactly the Shift asked for', () => {
    const k = parseChord('Mod+K');
    expect(chordMatches(k, key('k', { ctrlKey: true }))).toBe(true);
    expect(chordMatches(k, key('k', { metaKey: true }))).toBe(true);
    expect(chordMatches(k, key('K', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(chordMatches(k, key('k'))).toBe(false);
    expect(chordMatches(parseChord('Mod+Shift+A'), key('A', { ctrlKey: true, shiftKey: true }))).toBe(true);
  });

  it('match named keys with their Shift', () => {
    expect(chordMatches(parseChord('F6'), key('F6'))).toBe(true);
    expect(chordMatches(parseChord('F6'), key('F6', { shiftKey: true }))).toBe(false);
    expect(chordMatches(parseChord('Shift+F6'), key('F6', { shiftKey: true }))).toBe(true);
    expect(chordMatches(parseChord('Space'), key(' '))).toBe(true);
  });

  it('are shown as the platform writes them, a sequence as "then"', () => {
    expect(keyLabel('g g')).toBe('g then g');
    expect(keyLabel('Mod+Shift+A')).toMatch(/^(Ctrl\+Shift\+A|⇧⌘A)$/);
    expect(keyLabel('Space')).toBe('Space');
    expect(keyLabel('Escape')).toBe('Esc');
  });
});

describe('the matcher', () => {
  const table = [
    binding('top', ['g g']),
    binding('next', ['j']),
    binding('bottom', ['G']),
    binding('search', ['Mod+K'], 'always'),
  ];
  const all = () => true;

  it('matches a single key', () => {
    expect(createMatcher(table).match(key('j'), all)).toMatchObject({ id: 'next' });
  });

  it('waits for the rest of a sequence, then matches it', () => {
    const matcher = createMatcher(table);
    expect(matcher.match(key('g'), all)).toBe('pending');
    expect(matcher.match(key('g'), all)).toMatchObject({ id: 'top' });
    expect(matcher.match(key('g'), all)).toBe('pending');
  });

  it('drops a sequence a key does not continue, and matches that key alone', () => {
    const matcher = createMatcher(table);
    expect(matcher.match(key('g'), all)).toBe('pending');
    expect(matcher.match(key('j'), all)).toMatchObject({ id: 'next' });
    expect(matcher.match(key('x'), all)).toBeNull();
  });

  it('keeps a sequence through a modifier pressed on its own', () => {
    const matcher = createMatcher(table);
    matcher.match(key('g'), all);
    expect(matcher.match(key('Shift', { shiftKey: true }), all)).toBe('pending');
    expect(matcher.match(key('G', { shiftKey: true }), all)).toMatchObject({ id: 'bottom' });
  });

  it('matches only the bindings allowed now', () => {
    const matcher = createMatcher(table);
    expect(matcher.match(key('j'), (b) => b.id !== 'next')).toBeNull();
  });

  it('types a character in a text field, also for a binding that applies everywhere', () => {
    const input = document.createElement('input');
    const matcher = createMatcher(BINDINGS);
    expect(matcher.match(key('/', {}, input), all)).toBeNull();
    expect(matcher.match(key('k', { ctrlKey: true }, input), all)).toMatchObject({ id: 'search.open' });
    expect(matcher.match(key('/', {}, document.body), all)).toMatchObject({ id: 'search.open' });
  });

  it('leaves Space and Enter on a button to the button, except Enter on a post of the list', () => {
    const button = document.createElement('button');
    const post = document.createElement('button');
    post.className = 'post-item';
    const matcher = createMatcher(BINDINGS);
    expect(matcher.match(key(' ', {}, button), all)).toBeNull();
    expect(matcher.match(key(' ', {}, document.body), all)).toMatchObject({ id: 'thread.page' });
    expect(matcher.match(key('Enter', {}, post), all)).toMatchObject({ id: 'posts.open' });
  });
});

describe('where bindings apply', () => {
  const state = (over: Partial<AppState> = {}) =>
    ({ view: 'reader', searchOpen: false, shortcutSheetOpen: false, findOpen: false, detail: {}, ...over }) as AppState;

  it('not in a text field, except chords that type nothing there', () => {
    const input = document.createElement('input');
    const textarea = document.createElement('textarea');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    expect(applies('thread', state(), input)).toBe(false);
    expect(applies('reader', state(), textarea)).toBe(false);
    expect(applies('thread', state(), checkbox)).toBe(true);
    expect(applies('always', state(), input)).toBe(true);
  });

  it('not under a dialog, in another view, or without a post for the thread', () => {
    expect(applies('reader', state({ searchOpen: true }), document.body)).toBe(false);
    expect(applies('reader', state({ shortcutSheetOpen: true }), document.body)).toBe(false);
    expect(applies('reader', state({ view: 'articles' }), document.body)).toBe(false);
    expect(applies('thread', state({ detail: null }), document.body)).toBe(false);
    expect(applies('find', state({ findOpen: true }), document.body)).toBe(true);
    expect(applies('find', state(), document.body)).toBe(false);
  });

  it('on a post of the list only for post-list bindings', () => {
    const post = document.createElement('button');
    post.className = 'post-item';
    expect(applies('post-list', state(), post)).toBe(true);
    expect(applies('post-list', state(), document.body)).toBe(false);
  });
});

describe('the table', () => {
  it('has one binding per id, and no key bound twice in the same place', () => {
    const ids = BINDINGS.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Map<string, string>();
    for (const b of BINDINGS)
      for (const k of b.keys) {
        const where = `${b.when} ${k}`;
        expect(seen.get(where), `${k} is bound to ${seen.get(where)} and ${b.id}`).toBeUndefined();
        seen.set(where, b.id);
      }
  });

  it('has a binding for every command of the application menu', () => {
    for (const id of MENU_COMMAND_IDS) expect(BINDINGS.map((b) => b.id)).toContain(id);
  });

  it('generates the shortcut sheet: every listed binding once, by group', () => {
    const groups = sheetGroups();
    const rows = groups.flatMap((g) => g.rows.map((r) => r.id));
    for (const b of BINDINGS.filter((b) => b.listed !== false))
      expect(rows.filter((id) => id === b.id)).toHaveLength(1);
    expect(groups.map((g) => g.group)).toEqual([
      'Comments',
      'Reading',
      'Posts',
      'Panes',
      'Search and find',
      'Annotations',
      'Help',
      'Selection mode',
    ]);
    const top = groups.flatMap((g) => g.rows).find((r) => r.id === 'thread.top');
    expect(top?.keys).toEqual(['g then g']);
  });

  it('takes a new binding as one entry, listed on the sheet', () => {
    const extra = [...BINDINGS, { ...binding('test.extra', ['z'], 'thread'), group: 'Comments' as const }];
    expect(
      sheetGroups(extra)
        .find((g) => g.group === 'Comments')
        ?.rows.map((r) => r.id),
    ).toContain('test.extra');
    expect(createMatcher(extra).match(key('z'), () => true)).toMatchObject({ id: 'test.extra' });
  });
});
