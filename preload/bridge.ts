import type { Bridge, EventName, Events, MethodName, Result } from './api';

/** How a bridge reaches main: Electron IPC in the preload, exposed functions in the harness. */
export interface Transport {
  invoke(method: MethodName, payload: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The path on disk of a file or folder dropped on the window (Electron: webUtils.getPathForFile); null when unknown. */
  pathOfDropped?(file: File): string | null;
  /** Sends a dropped folder's path to main (DROPPED_FOLDER_CHANNEL); only openDropped calls it, never the page. */
  sendDropped?(path: string): Promise<Result<unknown>>;
}

/**
 * Builds the object exposed as `window.threadline` from the contract's method list: one
 * named function per method, `on` for the contract's events, and `openDropped` for drag and
 * drop, which takes a File and looks its path up here. Nothing else is exposed.
 */
export function buildBridge(
  methods: readonly MethodName[],
  events: readonly EventName[],
  transport: Transport,
): Bridge {
  const bridge: Record<string, unknown> = {};
  for (const method of methods) bridge[method] = (payload: unknown) => transport.invoke(method, payload);
  bridge['on'] = <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => {
    if (!events.includes(event)) throw new Error(`Subscribing failed: "${String(event)}" is not a Threadline event.`);
    return transport.subscribe(event, (payload) => listener(payload as Events[E]));
  };
  bridge['openDropped'] = async (file: File) => {
    // Only a real File dropped from the system has a place on disk; a File the page made up has
    // none, and anything else makes the lookup throw.
    let path: string | null;
    try {
      path = transport.pathOfDropped?.(file) || null;
    } catch {
      path = null;
    }
    if (!path || !transport.sendDropped) {
      const name = typeof file?.name === 'string' ? file.name.slice(0, 200) : 'it';
      return {
        ok: false,
        error: {
          code: 'drop-without-path',
          message: `Opening "${name}" failed: the system did not say where it is. Use File → Open Folder… instead.`,
        },
      };
    }
    return transport.sendDropped(path);
  };
  return Object.freeze(bridge) as Bridge;
}
