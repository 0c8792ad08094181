import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventNames, methodNames, type Bridge, type EventName, type Events } from '../preload/api';
import { buildBridge } from '../preload/bridge';
import { createDispatcher } from '../main/core/dispatch';
import { createService } from '../main/core/service';

export const SEEDS_DIR = join(import.meta.dirname, '../seeds');

/**
 * A bridge backed by the real core (service + dispatcher), as the app gets through the
 * preload — so renderer tests exercise real parsing, not a mock.
 */
export async function coreBridge(library = SEEDS_DIR, chooseFolder: () => Promise<string | null> = async () => null) {
  const openedLinks: string[] = [];
  const profileDir = mkdtempSync(join(tmpdir(), 'threadline-profile-'));
  const service = createService({
    defaultLibrary: SEEDS_DIR,
    profileDir,
    watch: false,
    openExternal: async (url) => void openedLinks.push(url),
    chooseFolder,
  });
  const dispatch = createDispatcher(service.handlers);
  const bridge: Bridge = buildBridge(methodNames, eventNames, {
    invoke: (method, payload) => dispatch(method, payload),
    subscribe: (event: EventName, listener: (payload: unknown) => void) =>
      service.subscribe((name, payload: Events[EventName]) => {
        if (name === event) listener(payload);
      }),
  });
  await service.openLibrary(library);
  // Tests see the library as it is once fully indexed (articles and search texts come second).
  await service.whenIndexed();
  return { bridge, service, openedLinks };
}
