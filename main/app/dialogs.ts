import { dialog, type BrowserWindow } from 'electron';

/** The system "choose folder" dialog; null when the user cancels. */
export async function chooseFolder(parent: BrowserWindow | null): Promise<string | null> {
  const options = { title: 'Open a library folder', properties: ['openDirectory' as const] };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Tells the user a library could not be opened, in words that say what to do. */
export function showOpenError(parent: BrowserWindow | null, message: string): void {
  const options = { type: 'error' as const, title: 'Threadline', message };
  if (parent) void dialog.showMessageBox(parent, options);
  else void dialog.showMessageBox(options);
}

/** The system "save as" dialog for an export; null when the user cancels. */
export async function chooseSaveFile(parent: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const markdown = suggestedName.endsWith('.md');
  const options = {
    title: 'Export annotations',
    defaultPath: suggestedName,
    filters: [
      markdown
        ? { name: 'Markdown', extensions: ['md'] }
        : { name: 'W3C Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] },
    ],
  };
  const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
  return result.canceled ? null : (result.filePath ?? null);
}

/** The system "open file" dialog for an annotations import; null when the user cancels. */
export async function chooseImportFile(parent: BrowserWindow | null): Promise<string | null> {
  const options = {
    title: 'Import annotations',
    properties: ['openFile' as const],
    filters: [{ name: 'W3C Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] }],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}
