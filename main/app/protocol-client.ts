import { app } from 'electron';
import { LINK_SCHEME } from '../core/shared/links';

/**
 * Makes the app the system's handler of threadline:// links (packaged only: a development run
 * would register the bare Electron binary). electron-builder.yml's `protocols` declares the
 * scheme in the installers (Info.plist, the .desktop entry's MimeType, the Windows registry);
 * the links themselves arrive through main/app/lifecycle.ts ('open-url', 'second-instance').
 */
export function registerProtocolClient(): void {
  if (app.isPackaged && !app.isDefaultProtocolClient(LINK_SCHEME)) app.setAsDefaultProtocolClient(LINK_SCHEME);
}
