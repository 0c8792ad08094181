import { ipcMain, type BrowserWindow } from 'electron';
import { channelOf, eventNames, methodNames } from '../../preload/api';
import { createDispatcher } from '../core/dispatch';
import type { Service } from '../core/service';
import { isAppUrl } from './app-origin';
import { appPages } from './paths';
import { answerCall, type CallGuard } from './sender';

/**
 * Registers one handler per contract method. Each checks the sender (our window's main
 * frame, on our own page), then hands the payload to the core dispatcher, which validates
 * it and answers with a Result (sender.ts). The Electron event object never reaches the renderer.
 */
export function registerIpc(service: Service, getWindow: () => BrowserWindow | null): void {
  const pages = appPages();
  const guard: CallGuard = {
    getWindow,
    isTrustedPage: (url) => isAppUrl(url, pages),
    dispatch: createDispatcher(service.handlers),
  };
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), (event, payload: unknown) => answerCall(guard, method, event, payload));
  }
  service.subscribe((event, payload) => {
    if (!eventNames.includes(event)) return;
    getWindow()?.webContents.send(channelOf(event), payload);
  });
}
