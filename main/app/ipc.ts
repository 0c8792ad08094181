import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { channelOf, eventNames, methodNames, type ApiError, type Result } from '../../preload/api';
import { createDispatcher } from '../core/dispatch';
import type { Service } from '../core/service';
import { isAppUrl } from './app-origin';
import { appPages } from './paths';

function fromOurWindow(event: IpcMainInvokeEvent, getWindow: () => BrowserWindow | null): boolean {
  const window = getWindow();
  const frame = event.senderFrame;
  return Boolean(window && event.sender === window.webContents && frame && frame === window.webContents.mainFrame && isAppUrl(frame.url, appPages()));
}

/**
 * Registers one handler per contract method. Each checks the sender (our window's main
 * frame, on our own page), then hands the payload to the core dispatcher, which validates
 * it and answers with a Result. The Electron event object never reaches the renderer.
 */
export function registerIpc(service: Service, getWindow: () => BrowserWindow | null): void {
  const dispatch = createDispatcher(service.handlers);
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!fromOurWindow(event, getWindow)) {
        const error: ApiError = { code: 'forbidden-sender', message: `Calling ${method} failed: the request did not come from the Threadline window.` };
        return { ok: false, error };
      }
      return dispatch(method, payload);
    });
  }
  service.subscribe((event, payload) => {
    if (!eventNames.includes(event)) return;
    getWindow()?.webContents.send(channelOf(event), payload);
  });
}
