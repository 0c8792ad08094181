import { ipcMain, type BrowserWindow } from 'electron';
import {
  channelOf,
  DROPPED_FOLDER_CHANNEL,
  eventNames,
  methodNames,
  type EventName,
  type Events,
} from '../../preload/api';
import { createDispatcher, createDropDispatcher } from '../core/dispatch';
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
  // The path of a dropped folder, from the preload's openDropped: the same sender check, its own handler.
  const dispatchDropped = createDropDispatcher(service.openLibrary);
  const dropGuard: CallGuard = { ...guard, dispatch: (_method, payload) => dispatchDropped(payload) };
  ipcMain.handle(DROPPED_FOLDER_CHANNEL, (event, payload: unknown) =>
    answerCall(dropGuard, 'drop.openFolder', event, payload),
  );
  service.subscribe((event, payload) => {
    if (!eventNames.includes(event)) return;
    getWindow()?.webContents.send(channelOf(event), payload);
  });
}

/** Sends an event of the contract to the reader window, if there is one (the menu's 'shell.command'). */
export function sendEvent<E extends EventName>(window: BrowserWindow | null, event: E, payload: Events[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(channelOf(event), payload);
}
