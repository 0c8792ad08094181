/**
 * The commands the application menu offers (Go, Help → Keyboard Shortcuts). Main builds its menu
 * items from this list and sends the chosen id to the renderer ('shell.command'), which runs the
 * keymap binding of that id (renderer/features/keyboard/keymap.ts); a test checks every id here has one.
 * `keys` is only shown beside the item: the keys themselves are the renderer's (a menu accelerator on
 * a plain letter would take the letter away from every text field).
 */
export interface MenuCommand {
  id: string;
  label: string;
  /** The key shown in the menu, in Electron's accelerator syntax; null for none. */
  keys: string | null;
}

export const GO_MENU: readonly (MenuCommand | 'separator')[] = [
  { id: 'thread.next', label: 'Next Comment', keys: 'J' },
  { id: 'thread.previous', label: 'Previous Comment', keys: 'K' },
  { id: 'thread.parent', label: 'Parent Comment', keys: 'U' },
  { id: 'thread.top', label: 'Top of the Thread', keys: null },
  { id: 'thread.bottom', label: 'Bottom of the Thread', keys: 'Shift+G' },
  'separator',
  { id: 'read.nextUnread', label: 'Next Unread', keys: 'N' },
  { id: 'read.previousUnread', label: 'Previous Unread', keys: 'P' },
  { id: 'read.toggle', label: 'Mark Read or Unread', keys: 'M' },
  'separator',
  { id: 'thread.toggle', label: 'Collapse or Expand Replies', keys: 'C' },
  { id: 'thread.toggleAll', label: 'Collapse or Expand All', keys: 'Shift+C' },
  'separator',
  { id: 'posts.next', label: 'Next Post', keys: 'Shift+J' },
  { id: 'posts.previous', label: 'Previous Post', keys: 'Shift+K' },
  { id: 'thread.page', label: 'Page Down, Then Next Unread', keys: 'Space' },
  'separator',
  { id: 'panes.next', label: 'Next Pane', keys: 'F6' },
  { id: 'panes.previous', label: 'Previous Pane', keys: 'Shift+F6' },
  'separator',
  { id: 'annotate.selectionMode', label: 'Select Text to Annotate', keys: 'V' },
];

export const HELP_SHORTCUTS: MenuCommand = { id: 'help.shortcuts', label: 'Keyboard Shortcuts', keys: null };

/** Every command id the menu can send. */
export const MENU_COMMAND_IDS: readonly string[] = [
  ...GO_MENU.flatMap((item) => (item === 'separator' ? [] : [item.id])),
  HELP_SHORTCUTS.id,
];
