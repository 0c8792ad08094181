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

/** The file types an export is saved as, by the suggested name's extension. */
const SAVE_FILTERS: Record<string, { name: string; extensions: string[] }> = {
  md: { name: 'Markdown', extensions: ['md'] },
  html: { name: 'Web page (HTML)', extensions: ['html', 'htm'] },
  pdf: { name: 'PDF', extensions: ['pdf'] },
  jsonld: { name: 'W3C Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'] },
};

/** The system "save as" dialog for an export (annotations or a thread); null when the user cancels. */
export async function chooseSaveFile(parent: BrowserWindow | null, suggestedName: string): Promise<string | null> {
  const extension = suggestedName.slice(suggestedName.lastIndexOf('.') + 1);
  const options = {
    title: extension === 'jsonld' || suggestedName.endsWith('-annotations.md') ? 'Export annotations' : 'Export thread',
    defaultPath: suggestedName,
    filters: [SAVE_FILTERS[extension] ?? SAVE_FILTERS['jsonld']!],
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
