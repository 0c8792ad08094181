import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  openFolder(): void;
  openRecent(path: string): void;
  exportAnnotations(format: 'markdown' | 'jsonld'): void;
  importAnnotations(): void;
}

/** File → Open Folder…, Open Recent, Export and Import Annotations, and the standard Edit / View / Window / Help menus. Call again when the recent list changes. */
export function installMenu(actions: MenuActions, recent: { path: string; name: string; exists: boolean }[] = []): void {
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
            ? recent.map((r) => ({ label: `${r.name} — ${r.path}`, enabled: r.exists, click: () => actions.openRecent(r.path) }))
            : [{ label: 'No recent libraries', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Export Annotations as Markdown…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportAnnotations('markdown') },
        { label: 'Export Annotations as Web Annotations (JSON-LD)…', click: () => actions.exportAnnotations('jsonld') },
        { label: 'Import Annotations…', click: () => actions.importAnnotations() },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'About Threadline', role: 'about' }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
