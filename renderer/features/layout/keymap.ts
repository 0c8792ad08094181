/**
 * The keymap: every keyboard shortcut of the window in one table, the one keydown listener that
 * runs them, and the command runner the application menu uses ('shell.command' → a binding's id).
 * The shortcut sheet (`?`) is generated from the same table.
 *
 * Adding a shortcut is one entry in BINDINGS: an id, its keys, what the sheet says, the group it
 * is listed under, when it applies, and what it does.
 *
 * Keys are written as chords separated by spaces (a sequence: `g g`). A chord is a key with
 * optional modifiers: `Mod+Shift+a` (Mod is Ctrl, or ⌘ on a Mac; both work everywhere), `Shift+F6`,
 * `Space`, `?`. A single printable character (`j`, `J`, `?`, `]`) matches whatever Shift it
 * took to type it, and never with Ctrl, Alt or ⌘.
 */
import { useContext, useEffect } from 'react';
import { StoreContext, type AppState, type AppStore } from '../../store';
import { enterSelectionMode } from '../annotations/selection-mode';
import { stepFind } from '../find/FindBar';
import { isTextField } from '../../ui/text-field';
import {
  cyclePane,
  goToLastComment,
  goToParent,
  goToTop,
  notePaneFocus,
  openFocusedPost,
  pageDown,
  stepComment,
  stepPost,
  stepUnread,
  toggleFocusedRead,
  toggleAll,
  toggleCurrent,
} from './keyboard-actions';

/** Where a binding applies. */
export type When =
  /** Anywhere, also in a text field (a chord with Ctrl/⌘ types nothing there). */
  | 'always'
  /** The reader, with no dialog (search, shortcut sheet) over it and not in a text field. */
  | 'reader'
  /** As 'reader', with a post open. */
  | 'thread'
  /** On a post of the post list. */
  | 'post-list'
  /** While the find bar is open. */
  | 'find';

export type Group = 'Reading' | 'Comments' | 'Posts' | 'Panes' | 'Search and find' | 'Annotations' | 'Help';

export interface Binding {
  /** The command id, also sent by the application menu. */
  id: string;
  /** Each entry is one way to press it (a chord, or chords separated by spaces for a sequence). */
  keys: readonly string[];
  description: string;
  group: Group;
  when: When;
  /** Listed on the shortcut sheet (false for a second binding of an action listed already). Default true. */
  listed?: boolean;
  /** Runs the action; returning false lets the key do what it does by default. */
  run(store: AppStore, event: KeyboardEvent | null): void | boolean | Promise<void>;
}

export const GROUPS: readonly Group[] = [
  'Comments',
  'Reading',
  'Posts',
  'Panes',
  'Search and find',
  'Annotations',
  'Help',
];

/** A reading text size step: the key listed on the sheet, and the other ways of typing it (not listed again). */
function textSizeBindings(id: string, description: string, step: -1 | 0 | 1, key: string, typed: string[]): Binding[] {
  const run = (store: AppStore) => store.getState().stepTextSize(step);
  const listed: Binding = { id, keys: [key], description, group: 'Reading', when: 'always', run };
  return typed.length ? [listed, { ...listed, id: `${id}.typed`, keys: typed, listed: false }] : [listed];
}

export const BINDINGS: readonly Binding[] = [
  // Comments.
  {
    id: 'thread.next',
    keys: ['j'],
    description: 'Next comment',
    group: 'Comments',
    when: 'thread',
    run: (s) => stepComment(s, 1),
  },
  {
    id: 'thread.previous',
    keys: ['k'],
    description: 'Previous comment',
    group: 'Comments',
    when: 'thread',
    run: (s) => stepComment(s, -1),
  },
  {
    id: 'thread.parent',
    keys: ['u'],
    description: 'Go to the parent comment',
    group: 'Comments',
    when: 'thread',
    run: goToParent,
  },
  {
    id: 'thread.toggle',
    keys: ['c'],
    description: "Collapse or expand the comment's replies",
    group: 'Comments',
    when: 'thread',
    run: toggleCurrent,
  },
  {
    id: 'thread.toggleAll',
    keys: ['C'],
    description: 'Collapse or expand all replies',
    group: 'Comments',
    when: 'thread',
    run: toggleAll,
  },
  // Read state.
  {
    id: 'read.nextUnread',
    keys: ['n'],
    description: 'Next unread or New comment (across posts)',
    group: 'Comments',
    when: 'reader',
    run: (store) => stepUnread(store, 1),
  },
  {
    id: 'read.previousUnread',
    keys: ['p'],
    description: 'Previous unread or New comment',
    group: 'Comments',
    when: 'reader',
    run: (store) => stepUnread(store, -1),
  },
  {
    id: 'read.toggle',
    keys: ['m'],
    description: 'Mark the comment (or the post’s text) read or unread',
    group: 'Comments',
    when: 'thread',
    run: toggleFocusedRead,
  },
  // Reading text size: Ctrl/Cmd +, - and 0 (also View → Larger Text …), before the browser's own page zoom.
  // "+" is typed with Shift on most layouts and "=" without it; the keypad's "+" needs none.
  ...textSizeBindings('text.larger', 'Larger reading text', 1, 'Mod++', ['Mod+=', 'Mod+Shift++', 'Mod+Shift+=']),
  ...textSizeBindings('text.smaller', 'Smaller reading text', -1, 'Mod+-', ['Mod+Shift+_', 'Mod+Shift+-']),
  ...textSizeBindings('text.default', 'Default reading text size', 0, 'Mod+0', []),
  // Reading.
  {
    id: 'thread.page',
    keys: ['Space'],
    description: 'Page down; at the bottom, the next post with something unread',
    group: 'Reading',
    when: 'thread',
    run: pageDown,
  },
  {
    id: 'thread.top',
    keys: ['g g'],
    description: 'Top of the thread',
    group: 'Reading',
    when: 'thread',
    run: goToTop,
  },
  {
    id: 'thread.bottom',
    keys: ['G'],
    description: 'Bottom of the thread (last comment)',
    group: 'Reading',
    when: 'thread',
    run: goToLastComment,
  },
  // Posts.
  {
    id: 'posts.next',
    keys: ['J', ']'],
    description: 'Next post',
    group: 'Posts',
    when: 'reader',
    run: (s) => stepPost(s, 1),
  },
  {
    id: 'posts.previous',
    keys: ['K', '['],
    description: 'Previous post',
    group: 'Posts',
    when: 'reader',
    run: (s) => stepPost(s, -1),
  },
  {
    id: 'posts.open',
    keys: ['o', 'Enter'],
    description: 'Open the post chosen in the list',
    group: 'Posts',
    when: 'post-list',
    run: (s) => openFocusedPost(s),
  },
  // Panes.
  {
    id: 'panes.next',
    keys: ['F6'],
    description: 'Next pane (posts, thread, articles or annotations)',
    group: 'Panes',
    when: 'always',
    run: (s) => cyclePane(s, 1),
  },
  {
    id: 'panes.previous',
    keys: ['Shift+F6'],
    description: 'Previous pane',
    group: 'Panes',
    when: 'always',
    run: (s) => cyclePane(s, -1),
  },
  {
    id: 'panes.annotations',
    keys: ['Mod+Shift+A'],
    description: 'Show or hide the annotations panel',
    group: 'Panes',
    when: 'always',
    run: (s) => void (s.getState().searchOpen || s.getState().toggleAnnotationsPanel()),
  },
  {
    id: 'escape',
    keys: ['Escape'],
    description: 'Close what is open (sheet, find bar, search, panels, selection mode)',
    group: 'Panes',
    when: 'reader',
    run: closeWhatIsOpen,
  },
  // Search and find.
  {
    id: 'search.open',
    keys: ['Mod+K', '/'],
    description: 'Search the library',
    group: 'Search and find',
    when: 'always',
    run: openSearch,
  },
  {
    id: 'find.open',
    keys: ['Mod+F'],
    description: 'Find in this post',
    group: 'Search and find',
    when: 'always',
    run: (s) => void (canFind(s.getState()) && s.getState().openFind()),
  },
  {
    id: 'find.next',
    keys: ['F3', 'Mod+G'],
    description: 'Next match',
    group: 'Search and find',
    when: 'find',
    run: (s) => stepFind(s, 1),
  },
  {
    id: 'find.previous',
    keys: ['Shift+F3', 'Mod+Shift+G'],
    description: 'Previous match',
    group: 'Search and find',
    when: 'find',
    run: (s) => stepFind(s, -1),
  },
  // Annotations.
  {
    id: 'annotate.selectionMode',
    keys: ['v'],
    description: 'Select text to annotate (in a comment or paragraph)',
    group: 'Annotations',
    when: 'thread',
    run: (s) => enterSelectionMode(s, 'caret'),
  },
  {
    id: 'annotate.selectParagraph',
    keys: ['V'],
    description: 'Select the whole paragraph to annotate',
    group: 'Annotations',
    when: 'thread',
    run: (s) => enterSelectionMode(s, 'paragraph'),
  },
  // Help.
  {
    id: 'help.shortcuts',
    keys: ['?'],
    description: 'Show the keyboard shortcuts',
    group: 'Help',
    when: 'reader',
    run: (s) => s.getState().setShortcutSheetOpen(true),
  },
];

/** Keys of selection mode and the selection toolbar: handled there, listed here for the sheet. */
export const SELECTION_KEYS: readonly { keys: string[]; description: string }[] = [
  { keys: ['←', '→', '↑', '↓'], description: 'Move the caret (selection mode)' },
  { keys: ['Shift+←', 'Shift+→'], description: 'Extend the selection by a character' },
  { keys: ['Mod+Shift+←', 'Mod+Shift+→'], description: 'Extend the selection by a word' },
  { keys: ['s', 'Shift+S'], description: 'Extend the selection to the next or previous sentence end' },
  { keys: ['1', '2', '3', '4', '5', 'h'], description: 'Highlight the selection (h: yellow)' },
  { keys: ['n', 't'], description: 'Highlight and add a note or tags' },
  { keys: ['Escape'], description: 'Leave selection mode' },
];

function openSearch(store: AppStore): void {
  store.getState().openSearch();
}

const canFind = (state: AppState) => !state.searchOpen && state.view === 'reader' && state.detail !== null;

/** Esc where nothing else took it: closes the find bar, the problems panel or the annotations panel, in that order. */
function closeWhatIsOpen(store: AppStore): boolean {
  const state = store.getState();
  if (state.findOpen) state.closeFind();
  else if (state.problemsOpen) state.setProblemsOpen(false);
  else if (state.annotationsPanelOpen) state.setAnnotationsPanelOpen(false);
  else return false;
  return true;
}

/** True when Space or Enter on this element presses it (a button, a link, a check box …). */
function pressesItself(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    Boolean(target.closest('button, a[href], input, select, textarea, summary, [role="button"], [role="link"]'))
  );
}

interface Chord {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

const NAMED: Record<string, string> = { Space: ' ', Esc: 'Escape' };

/** Parses `Mod+Shift+A` into its key and modifiers. */
export function parseChord(text: string): Chord {
  const parts = text.split('+');
  // "Mod++" would be a plus key: the last part is the key even when empty.
  const key = parts.length > 1 && parts[parts.length - 1] === '' ? '+' : parts[parts.length - 1]!;
  const mods = new Set(parts.slice(0, key === '+' ? -2 : -1));
  return { key: NAMED[key] ?? key, mod: mods.has('Mod'), shift: mods.has('Shift'), alt: mods.has('Alt') };
}

/** True when the event is this chord. */
export function chordMatches(
  chord: Chord,
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (mod !== chord.mod || event.altKey !== chord.alt) return false;
  const printable = chord.key.length === 1 && chord.key !== ' ';
  // A printable character carries its own Shift ("J", "?"), unless Ctrl/⌘ is held (Ctrl+Shift+A gives "A").
  if (printable && !chord.mod) return event.key === chord.key;
  if (event.shiftKey !== chord.shift) return false;
  return chord.key.length === 1 ? event.key.toLowerCase() === chord.key.toLowerCase() : event.key === chord.key;
}

/** What may run, given the state and where the key was pressed. */
export function applies(when: When, state: AppState, target: EventTarget | null): boolean {
  if (when === 'always') return true;
  if (when === 'find') return state.findOpen && !state.searchOpen;
  if (isTextField(target) || state.searchOpen || state.shortcutSheetOpen || state.view !== 'reader') return false;
  if (when === 'post-list') return target instanceof Element && target.closest('.post-item') !== null;
  if (when === 'thread') return state.detail !== null;
  return true;
}

/**
 * Whether a binding takes this key in this place: a character (without Ctrl/⌘) typed in a text
 * field is text, whatever the binding's `when` (`/` searches, but not from the find bar); Space and
 * Enter leave buttons and links to press themselves.
 */
function takes(binding: Binding, chord: Chord, target: EventTarget | null): boolean {
  if (!chord.mod && (chord.key.length === 1 || chord.key === 'Enter') && isTextField(target)) return false;
  if ((chord.key === ' ' || chord.key === 'Enter') && pressesItself(target)) {
    // Enter on a post of the list opens it: the binding itself (so that the focus stays put).
    return binding.id === 'posts.open';
  }
  return true;
}

export type KeyEventLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>;

/**
 * Matches key presses against a table, keeping the chords of a sequence typed so far (`g` of
 * `g g`). No time limit: a key that continues no sequence drops what was typed and is matched on its own.
 */
export function createMatcher(bindings: readonly Binding[]) {
  const parsed = bindings.map((binding) => ({
    binding,
    sequences: binding.keys.map((keys) => keys.split(' ').map(parseChord)),
  }));
  let typed: KeyEventLike[] = [];
  const isModifier = (key: string) => ['Shift', 'Control', 'Alt', 'Meta', 'CapsLock'].includes(key);

  const find = (events: KeyEventLike[], allowed: (binding: Binding) => boolean) => {
    let prefix = false;
    for (const { binding, sequences } of parsed) {
      if (!allowed(binding)) continue;
      for (const sequence of sequences) {
        if (sequence.length < events.length) continue;
        if (
          !events.every((event, i) => chordMatches(sequence[i]!, event) && takes(binding, sequence[i]!, event.target))
        )
          continue;
        if (sequence.length === events.length) return { binding, prefix: false };
        prefix = true;
      }
    }
    return { binding: null, prefix };
  };

  return {
    /** The binding this key completes, 'pending' when it starts or continues a sequence, else null. */
    match(event: KeyEventLike, allowed: (binding: Binding) => boolean): Binding | 'pending' | null {
      if (isModifier(event.key)) return typed.length ? 'pending' : null;
      if (typed.length) {
        const found = find([...typed, event], allowed);
        if (found.binding) {
          typed = [];
          return found.binding;
        }
        if (found.prefix) {
          typed = [...typed, event];
          return 'pending';
        }
        typed = [];
      }
      const found = find([event], allowed);
      if (found.binding) return found.binding;
      if (found.prefix) {
        typed = [event];
        return 'pending';
      }
      return null;
    },
    reset() {
      typed = [];
    },
  };
}

/** Runs the binding of a command id (from the application menu); false when there is none or it does not apply now. */
export function runCommand(store: AppStore, id: string): boolean {
  const binding = BINDINGS.find((b) => b.id === id);
  if (!binding) return false;
  const state = store.getState();
  // A menu is not a text field: only an open dialog or another view stops a command.
  const target = document.activeElement && !isTextField(document.activeElement) ? document.activeElement : null;
  if (binding.when !== 'always' && !applies(binding.when, state, target)) return false;
  void binding.run(store, null);
  return true;
}

/** The window's keydown listener over BINDINGS, and the menu's commands; mounted once by the App. */
export function useKeymap(): void {
  const store = useContext(StoreContext);
  useEffect(() => {
    if (!store) return;
    const matcher = createMatcher(BINDINGS);
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return matcher.reset();
      const state = store.getState();
      // Selection mode has keys of its own (./selection-mode.ts); only chords with Ctrl/⌘ and F6 get past it.
      const found = matcher.match(
        event,
        (b) => applies(b.when, state, event.target) && (!state.selectionMode || b.when === 'always'),
      );
      if (found === 'pending') return event.preventDefault();
      if (!found) return;
      if (found.run(store, event) === false) return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    const onFocusIn = (event: FocusEvent) => notePaneFocus(event.target);
    window.addEventListener('focusin', onFocusIn);
    // A command from the application menu ('shell.command', put in the store by store/index.ts).
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.commandRequest && state.commandRequest !== previous.commandRequest)
        runCommand(store, state.commandRequest.id);
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('focusin', onFocusIn);
      unsubscribe();
    };
  }, [store]);
}

const isMac = () => /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space',
  Escape: 'Esc',
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
};

/** How a key is shown: "Ctrl+Shift+A" (⇧⌘A on a Mac), "g then g" for a sequence. */
export function keyLabel(keys: string): string {
  return keys
    .split(' ')
    .map((text) => {
      const chord = parseChord(text);
      const key = KEY_NAMES[chord.key] ?? (chord.key.length === 1 && chord.mod ? chord.key.toUpperCase() : chord.key);
      if (isMac()) return `${chord.shift ? '⇧' : ''}${chord.alt ? '⌥' : ''}${chord.mod ? '⌘' : ''}${key}`;
      return [chord.mod ? 'Ctrl' : '', chord.alt ? 'Alt' : '', chord.shift ? 'Shift' : '', key]
        .filter(Boolean)
        .join('+');
    })
    .join(' then ');
}

/** "⌘K" on a Mac, "Ctrl+K" elsewhere; with Shift, "⇧⌘A" and "Ctrl+Shift+A". */
export const shortcutLabel = (key: string, shift = false): string => keyLabel(`Mod+${shift ? 'Shift+' : ''}${key}`);

export interface SheetRow {
  id: string;
  keys: string[];
  description: string;
}

/** The shortcut sheet's content: the listed bindings by group, in GROUPS order, then the selection keys. */
export function sheetGroups(bindings: readonly Binding[] = BINDINGS): { group: string; rows: SheetRow[] }[] {
  const groups = GROUPS.map((group) => ({
    group: group as string,
    rows: bindings
      .filter((b) => b.group === group && b.listed !== false)
      .map((b) => ({ id: b.id, keys: b.keys.map(keyLabel), description: b.description })),
  }));
  const selection = {
    group: 'Selection mode',
    rows: SELECTION_KEYS.map((row, index) => ({
      id: `selection-${index}`,
      keys: row.keys.map(keyLabel),
      description: row.description,
    })),
  };
  return [...groups, selection].filter((g) => g.rows.length > 0);
}
