/**
 * `threadline open <link>`: checks a threadline:// link and starts the app with it (a running
 * app gets it through its single-instance handover, main/app/lifecycle.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkoutRoot } from './checkout-root';
import { parseLink } from './core/shared/links';

export const OPEN_USAGE = `Usage: threadline open <threadline://library/post#c3.2>

  open      Open the app at a post, comment (#c3.2) or annotation (#a<id>) a link names
            (copied with "Copy link"). Starts the app given by THREADLINE_APP, else this
            checkout's Electron; a running app goes there itself.`;

/** How the app is started: its executable and the arguments before the link. */
export interface AppCommand {
  command: string;
  args: string[];
}

/** What `open` needs from the system; tests pass stand-ins. */
export interface OpenDeps {
  env: Record<string, string | undefined>;
  /** The repository (a checkout): where node_modules/electron and the built app are. */
  root: string;
  exists(path: string): boolean;
  readText(path: string): string;
  /** Starts the app detached, not waiting for it. */
  launch(app: AppCommand, link: string): void;
}

const defaultDeps = (root: string): OpenDeps => ({
  env: process.env,
  root,
  exists: existsSync,
  readText: (path) => readFileSync(path, 'utf8'),
  launch: ({ command, args }, link) =>
    spawn(command, [...args, link], {
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined },
    }).unref(),
});

/** The installed app THREADLINE_APP names, else this checkout's Electron with the built app; null when there is neither. */
export function findApp(deps: OpenDeps): AppCommand | null {
  const installed = deps.env['THREADLINE_APP'];
  if (installed) return deps.exists(installed) ? { command: installed, args: [] } : null;
  const electron = join(deps.root, 'node_modules/electron');
  const pathFile = join(electron, 'path.txt');
  if (!deps.exists(pathFile) || !deps.exists(join(deps.root, 'out/main/index.js'))) return null;
  const binary = join(electron, 'dist', deps.readText(pathFile).trim());
  return deps.exists(binary) ? { command: binary, args: [deps.root] } : null;
}

/** Runs `open`: 0 when the app was started, 1 when there is no app to start, 2 for a usage error or a bad link. */
export function runOpen(
  args: string[],
  out: (text: string) => void,
  err: (text: string) => void,
  deps: OpenDeps = defaultDeps(checkoutRoot(import.meta.dirname)),
): number {
  if (args.length !== 1) {
    err(OPEN_USAGE);
    return 2;
  }
  const parsed = parseLink(args[0]!);
  if (!parsed.ok) {
    err(
      `Opening the link failed: "${args[0]!.slice(0, 200)}" is not a Threadline link (${parsed.reason}). Copy it again with "Copy link" in the app.`,
    );
    return 2;
  }
  const app = findApp(deps);
  if (!app) {
    err(
      deps.env['THREADLINE_APP']
        ? `Opening the link failed: THREADLINE_APP names ${deps.env['THREADLINE_APP']}, which does not exist. Set it to the Threadline executable.`
        : 'Opening the link failed: there is no Threadline app to open it with. Install Threadline and set THREADLINE_APP to its executable, or run "npm start" once in this checkout (it downloads Electron and builds the app).',
    );
    return 1;
  }
  const link = args[0]!.trim();
  deps.launch(app, link);
  out(`Opening ${link} in Threadline.`);
  return 0;
}
