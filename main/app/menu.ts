import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { GO_MENU, HELP_SHORTCUTS, type MenuCommand } from '../core/shared/commands';
import type { Service } from '../core/service';

export interface MenuActions {
  openFolder(): void;
  openRecent(path: string): void;
  exportAnnotations(format: 'markdown' | 'jsonld'): void;
  importAnnotations(): void;
  /** Opens the folder of the crash log in the system's file manager. */
  showLogFolder(): void;
  /** The reading text one size larger (1), smaller (-1), or back to the default (0). */
  textSize(step: -1 | 0 | 1): void;
  /** Sends a command to the renderer ('shell.command'), which runs the keymap binding of that id. */
  command(id: string): void;
}

/** A menu item that sends a command; its keys are shown, not registered (the renderer's keymap owns them). */
function commandItem(command: MenuCommand, actions: MenuActions): MenuItemConstructorOptions {
  return {
    label: command.label,
    ...(command.keys ? { accelerator: command.keys, registerAccelerator: false } : {}),
    click: () => actions.command(command.id),
  };
}

/** Go: moving through the thread, the posts and the panes, as the keys do. */
function goItems(actions: MenuActions): MenuItemConstructorOptions[] {
  return GO_MENU.map((item) => (item === 'separator' ? { type: 'separator' } : commandItem(item, actions)));
}

/**
 * Ctrl/Cmd +, - and 0 size the reading text, not the whole window. The window's keyboard handler
 * answers those keys (so they work in the preview too), so these items show them without
 * registering them, or one key press would step twice. Zooming the whole window stays, on
 * Ctrl/Cmd+Alt.
 */
function textSizeItems(actions: MenuActions): MenuItemConstructorOptions[] {
  return [
    {
      label: 'Larger Text',
      accelerator: 'CmdOrCtrl+Plus',
      registerAccelerator: false,
      click: () => actions.textSize(1),
    },
    {
      label: 'Smaller Text',
      accelerator: 'CmdOrCtrl+-',
      registerAccelerator: false,
      click: () => actions.textSize(-1),
    },
    {
      label: 'Default Text Size',
      accelerator: 'CmdOrCtrl+0',
      registerAccelerator: false,
      click: () => actions.textSize(0),
    },
    { type: 'separator' },
  ];
}

/** Text size, zoom and full screen; reloading and the developer tools only in an unpackaged app (a package's request filter cancels devtools://). */
function viewItems(packaged: boolean, actions: MenuActions): MenuItemConstructorOptions[] {
  const develop: MenuItemConstructorOptions[] = [
    { role: 'reload' },
    { role: 'forceReload' },
    { role: 'toggleDevTools' },
    { type: 'separator' },
  ];
  return [
    ...(packaged ? [] : develop),
    ...textSizeItems(actions),
    { role: 'resetZoom', accelerator: 'CmdOrCtrl+Alt+0' },
    { role: 'zoomIn', accelerator: 'CmdOrCtrl+Alt+Plus' },
    { role: 'zoomOut', accelerator: 'CmdOrCtrl+Alt+-' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
}

/** File → Open Folder…, Open Recent, Export and Import Annotations, the standard Edit / View / Window menus, Go (./commands), and Help → Keyboard Shortcuts, Show Log Folder. Call again when the recent list changes. */
export function installMenu(
  actions: MenuActions,
  recent: { path: string; name: string; exists: boolean }[] = [],
): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+O', click: () => actions.openFolder() },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((r) => ({
                label: `${r.name} — ${r.path}`,
                enabled: r.exists,
                click: () => actions.openRecent(r.path),
              }))
            : [{ label: 'No recent libraries', enabled: false }],
        },
        { type: 'separator' },
        {
          label: 'Export Annotations as Markdown…',
          accelerator: 'CmdOrCtrl+E',
          click: () => actions.exportAnnotations('markdown'),
        },
        { label: 'Export Annotations as Web Annotations (JSON-LD)…', click: () => actions.exportAnnotations('jsonld') },
        { label: 'Import Annotations…', click: () => actions.importAnnotations() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { label: 'View', submenu: viewItems(app.isPackaged, actions) },
    { label: '&Go', submenu: goItems(actions) },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        commandItem(HELP_SHORTCUTS, actions),
        { label: 'Show Log Folder', click: () => actions.showLogFolder() },
        { type: 'separator' },
        { label: 'About Threadline', role: 'about' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/**
 * The menu wired to the service: built now and again whenever the library list changes
 * (Open Recent). A menu action that fails is shown to the user with showError.
 */
export async function installAppMenu(
  service: Service,
  openRecent: (path: string) => void,
  showError: (message: string) => void,
  showLogFolder: () => void,
  command: (id: string) => void,
): Promise<void> {
  const reportFailure = (call: Promise<unknown>) => void call.catch((error: Error) => showError(error.message));
  const actions: MenuActions = {
    openFolder: () => reportFailure(service.handlers['library.chooseFolder']({})),
    openRecent,
    exportAnnotations: (format) => reportFailure(service.handlers['annotations.export']({ format })),
    importAnnotations: () => reportFailure(service.handlers['annotations.import']({})),
    showLogFolder,
    command,
    textSize: (step) => reportFailure(service.stepTextSize(step)),
  };
  const refresh = async () => installMenu(actions, await service.handlers['library.recent']({}));
  service.subscribe((event) => {
    if (event === 'library.changed') void refresh();
  });
  await refresh();
}
