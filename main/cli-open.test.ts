import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../test-support/cli-capture';
import { findApp, runOpen, type AppCommand, type OpenDeps } from './cli-open';

/** A system with these files, recording what it starts. */
function system(files: Record<string, string>, env: Record<string, string> = {}) {
  const launched: [AppCommand, string][] = [];
  const deps: OpenDeps = {
    env,
    root: '/src/threadline',
    exists: (path) => path in files,
    readText: (path) => files[path] ?? '',
    launch: (app, link) => void launched.push([app, link]),
  };
  const out: string[] = [];
  const err: string[] = [];
  const run = (args: string[]) =>
    runOpen(
      args,
      (t) => out.push(t),
      (t) => err.push(t),
      deps,
    );
  return { deps, launched, out, err, run };
}

const checkout = {
  '/src/threadline/node_modules/electron/path.txt': 'electron\n',
  '/src/threadline/node_modules/electron/dist/electron': '',
  '/src/threadline/out/main/index.js': '',
};

describe('threadline open', () => {
  it("starts this checkout's Electron on the built app with the link", () => {
    const s = system(checkout);
    expect(s.run([' threadline://seeds/p#c3.2 '])).toBe(0);
    expect(s.launched).toEqual([
      [
        { command: '/src/threadline/node_modules/electron/dist/electron', args: ['/src/threadline'] },
        'threadline://seeds/p#c3.2',
      ],
    ]);
    expect(s.out).toEqual(['Opening threadline://seeds/p#c3.2 in Threadline.']);
  });

  it('prefers the installed app THREADLINE_APP names', () => {
    const s = system(
      { ...checkout, '/opt/Threadline/threadline': '' },
      { THREADLINE_APP: '/opt/Threadline/threadline' },
    );
    expect(findApp(s.deps)).toEqual({ command: '/opt/Threadline/threadline', args: [] });
  });

  it('refuses a bad link with status 2, saying why, and starts nothing', () => {
    const s = system(checkout);
    expect(s.run(['threadline://seeds/p#z9'])).toBe(2);
    expect(s.err[0]).toMatch(/^Opening the link failed: .* is not a Threadline link \(.*neither a comment/);
    expect(s.run([])).toBe(2);
    expect(s.launched).toEqual([]);
  });

  it('says what to do when there is no app to start', () => {
    const none = system({ '/src/threadline/out/main/index.js': '' });
    expect(none.run(['threadline://seeds/p'])).toBe(1);
    expect(none.err[0]).toContain('run "npm start" once in this checkout');
    const missing = system(checkout, { THREADLINE_APP: '/nowhere/threadline' });
    expect(missing.run(['threadline://seeds/p'])).toBe(1);
    expect(missing.err[0]).toContain('THREADLINE_APP names /nowhere/threadline, which does not exist');
    expect(missing.launched).toEqual([]);
  });

  it('is a command of the CLI: a bad link exits 2 before any app is looked for', async () => {
    expect(await runCliCaptured(['open', 'https://example.org'])).toMatchObject({
      status: 2,
      err: expect.stringContaining('does not start with threadline://'),
    });
  });
});
