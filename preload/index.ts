import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { BRIDGE_KEY, channelOf, DROPPED_FOLDER_CHANNEL, eventNames, methodNames, type Result } from './api';
import { buildBridge } from './bridge';

const bridge = buildBridge(methodNames, eventNames, {
  invoke: (method, payload) => ipcRenderer.invoke(channelOf(method), payload) as Promise<Result<unknown>>,
  subscribe: (event, listener) => {
    // Only the payload crosses into the page, never Electron's event object.
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channelOf(event), handler);
    return () => ipcRenderer.off(channelOf(event), handler);
  },
  // The system's own record of where a dropped File is; a File made up by the page has none ('').
  pathOfDropped: (file) => webUtils.getPathForFile(file) || null,
  sendDropped: (path) => ipcRenderer.invoke(DROPPED_FOLDER_CHANNEL, { path }) as Promise<Result<unknown>>,
});

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
