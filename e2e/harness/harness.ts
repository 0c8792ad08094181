import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { BRIDGE_KEY, eventNames, methodNames, type EventName, type MethodName } from '../../preload/api';
import { buildBridge } from '../../preload/bridge';
import { createDispatcher, createDropDispatcher } from '../../main/core/dispatch';
import { createService, type Service } from '../../main/core/service';

/** A made-up origin: module scripts will not load from file://, so the built renderer is served here. */
export const APP_ORIGIN = 'https://threadline.test';
export const ROOT = resolve(import.meta.dirname, '../..');
export const RENDERER_DIR = join(ROOT, 'out/renderer');
export const SEEDS_DIR = join(ROOT, 'seeds');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface HarnessOptions {
  /** The library to open; by default the one open last time on this profile, else the bundled seeds. */
  library?: string;
  /** What "Open Folder…" picks, standing in for the system dialog. */
  chooseFolder?: () => Promise<string | null>;
  /** The user-data folder (library indexes); a fresh temporary one by default. */
  profileDir?: string;
  /** Stands in for the system's paths of dropped files (Electron's webUtils): file name → path. */
  droppedPaths?: Record<string, string>;
  /** Where an export is saved, standing in for the system "save as" dialog (null: cancelled). */
  saveFile?: (suggestedName: string) => Promise<string | null>;
  /** What an import reads, standing in for the system "open file" dialog. */
  chooseFile?: () => Promise<string | null>;
  /** Load the page at once and open the library behind it, as the app does at start (default: open it first). */
  openBehind?: boolean;
  /** Awaited before main takes each call: a test holds back a part of a post to see the reader while it is on its way. */
  beforeCall?: (method: string) => Promise<void> | void;
}

export interface Harness {
  service: Service;
  /** URLs the app asked to open in the system browser. */
  openedLinks: string[];
  /** Sends 'shell.command' as the application menu does (Go, Help → Keyboard Shortcuts). */
  sendCommand(id: string): Promise<void>;
  /** What the app put on the clipboard, oldest first (standing in for the system clipboard). */
  clipboard: string[];
}

/**
 * Chromium's PDF of a self-contained page, standing in for Electron's printToPDF: the page is
 * loaded in a tab of its own (its policy lets nothing be fetched) and printed with its print rules.
 */
export async function chromiumPdf(page: Page, html: string): Promise<Uint8Array> {
  const tab = await page.context().newPage();
  try {
    await tab.setContent(html, { waitUntil: 'load' });
    // Through the DevTools protocol rather than page.pdf(), which Playwright allows only headless: the preview is headed.
    const cdp = await page.context().newCDPSession(tab);
    const { data } = (await cdp.send('Page.printToPDF', {
      printBackground: true,
      preferCSSPageSize: true,
      paperWidth: 8.27,
      paperHeight: 11.69,
    })) as { data: string };
    return Buffer.from(data, 'base64');
  } finally {
    await tab.close();
  }
}

/**
 * Runs the real renderer against the real main-process core, with Electron's preload
 * replaced by the same bridge wired to `page.exposeFunction`: every call goes through the
 * dispatcher Electron registers (validation, Result), into main/core/service.ts.
 */
export async function startHarness(page: Page, options: HarnessOptions = {}): Promise<Harness> {
  const openedLinks: string[] = [];
  const clipboard: string[] = [];
  const service = createService({
    defaultLibrary: SEEDS_DIR,
    profileDir: options.profileDir ?? mkdtempSync(join(tmpdir(), 'threadline-profile-')),
    openExternal: async (url) => void openedLinks.push(url),
    chooseFolder: options.chooseFolder ?? (async () => null),
    saveFile: options.saveFile ?? (async () => null),
    chooseFile: options.chooseFile ?? (async () => null),
    copyText: async (text) => void clipboard.push(text),
    printToPdf: (html) => chromiumPdf(page, html),
  });
  const dispatch = createDispatcher(service.handlers);
  const dispatchDropped = createDropDispatcher(service.openLibrary);

  // Anything that is not the app itself is refused, as in Electron: no network at all.
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== APP_ORIGIN) return route.abort('blockedbyclient');
    const path = normalize(join(RENDERER_DIR, decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)));
    if (!path.startsWith(RENDERER_DIR)) return route.fulfill({ status: 403 });
    try {
      return await route.fulfill({
        status: 200,
        body: await readFile(path),
        contentType: TYPES[extname(path)] ?? 'application/octet-stream',
      });
    } catch {
      return route.fulfill({ status: 404, body: `Not found: ${url.pathname}. Run "npm run build" first.` });
    }
  });

  // The answer crosses as one JSON string, as Electron's IPC sends one serialised message: Playwright's own
  // value serialiser walks every object of a big answer (a 2,000-comment post) on both sides, which IPC does not.
  await page.exposeFunction('__threadlineInvoke', async (method: string, payload: unknown) => {
    await options.beforeCall?.(method);
    return JSON.stringify(await dispatch(method, payload));
  });
  // Stands in for the preload's DROPPED_FOLDER_CHANNEL: only the bridge's openDropped calls it, with the path
  // droppedPaths gives for the dropped File's name (as webUtils gives the system's path in Electron).
  await page.exposeFunction('__threadlineSendDropped', async (path: string) =>
    JSON.stringify(await dispatchDropped({ path })),
  );
  await page.addInitScript(
    ({
      key,
      methods,
      events,
      build,
      dropped,
    }: {
      key: string;
      methods: MethodName[];
      events: EventName[];
      build: string;
      dropped: Record<string, string>;
    }) => {
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      const w = window as unknown as Record<string, unknown>;
      // Run from tsx (npm run preview, the bench), functions carry esbuild's __name() calls: give the page a no-op one.
      w['__name'] ??= (fn: unknown) => fn;
      w['__threadlineEmit'] = (event: string, payload: unknown) =>
        listeners.get(event)?.forEach((listener) => listener(payload));
      const invoke = w['__threadlineInvoke'] as (method: string, payload: unknown) => Promise<string>;
      const sendDropped = w['__threadlineSendDropped'] as (path: string) => Promise<string>;
      // The same buildBridge the preload runs, so the page sees exactly the Electron bridge.
      const buildBridgeInPage = new Function(`return (${build})`)() as typeof buildBridge;
      w[key] = buildBridgeInPage(methods, events, {
        invoke: async (method, payload) => JSON.parse(await invoke(method, payload)) as never,
        pathOfDropped: (file) => dropped[file.name] ?? null,
        sendDropped: async (path) => JSON.parse(await sendDropped(path)) as never,
        subscribe(event, listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)!.add(listener);
          return () => listeners.get(event)?.delete(listener);
        },
      });
    },
    {
      key: BRIDGE_KEY,
      methods: [...methodNames],
      events: [...eventNames],
      build: buildBridge.toString(),
      dropped: options.droppedPaths ?? {},
    },
  );
  service.subscribe((event, payload) => {
    void page
      .evaluate(
        ([name, data]) =>
          (window as unknown as { __threadlineEmit(e: string, p: unknown): void }).__threadlineEmit(
            name as string,
            data,
          ),
        [event, payload] as const,
      )
      .catch(() => undefined);
  });

  // As the app starts: the library asked for, else the one open last time on this profile, else the seeds.
  const opening = service.openLibrary(options.library ?? (await service.lastLibrary()) ?? SEEDS_DIR);
  if (options.openBehind) opening.catch(() => undefined);
  else await opening;
  await page.goto(`${APP_ORIGIN}/index.html`);
  const sendCommand = async (id: string) => {
    await page.evaluate(
      (payload) =>
        (window as unknown as { __threadlineEmit(e: string, p: unknown): void }).__threadlineEmit(
          'shell.command',
          payload,
        ),
      { id },
    );
  };
  return { service, openedLinks, sendCommand, clipboard };
}
