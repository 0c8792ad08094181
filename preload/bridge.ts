import type { Bridge, EventName, Events, MethodName, Result } from './api';

/** How a bridge reaches main: Electron IPC in the preload, exposed functions in the harness. */
export interface Transport {
  invoke(method: MethodName, payload: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
  /** The path on disk of a file or folder dropped on the window (Electron: webUtils.getPathForFile); null when unknown. */
  pathOfDropped?(file: File): string | null;
}

/**
 * Builds the object exposed as `window.threadline` from the contract's method list: one
 * named function per method, `on` for the contract's events, and `pathOfDropped` for drag and
 * drop (a local lookup, not IPC). Nothing else is exposed.
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
  bridge['pathOfDropped'] = (file: File) => transport.pathOfDropped?.(file) || null;
  return Object.freeze(bridge) as Bridge;
}
