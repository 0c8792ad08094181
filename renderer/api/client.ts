import type { Bridge } from '../../preload/api';

/**
 * The only code that touches the bridge. Electron's preload (or the e2e harness) puts it on
 * `window.threadline`; without it the app cannot talk to its library.
 */
export function getBridge(): Bridge {
  const bridge = window.threadline;
  if (!bridge)
    throw new Error(
      'Starting Threadline failed: the connection to the library is missing. Start the app with "npm start" (or "npm run preview"), not by opening index.html.',
    );
  return bridge;
}
