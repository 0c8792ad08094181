import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../test-support/cli-capture';

const NAPO = '2019-05-20-latest-from-napo-188';

describe('threadline export-thread', () => {
  it('prints a post with its thread as Markdown, linking back into the app', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-cli-profile-'));
    const { status, out } = await runCliCaptured(['export-thread', NAPO, '--profile', profile]);
    expect(status).toBe(0);
    expect(out).toMatch(/^# Latest From Napo 188\n/);
    expect(out).toContain('#### Reply 1.2');
    expect(out).toContain(`[Open in Threadline](threadline://seeds/${NAPO}#c11)`);
  });

  it('writes HTML to --out', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'threadline-cli-out-'));
    const file = join(dir, 'napo.html');
    const result = await runCliCaptured(['export-thread', NAPO, '--format', 'html', '--out', file, '--profile', dir]);
    expect(result).toMatchObject({ status: 0, out: `Exported ${NAPO} to ${file}.` });
    expect(await readFile(file, 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('refuses a bad format with status 2 and an unknown post with status 1, saying what to do', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'threadline-cli-profile-'));
    const pdf = await runCliCaptured(['export-thread', NAPO, '--format', 'pdf']);
    expect(pdf).toMatchObject({ status: 2, err: expect.stringContaining('PDF is made in the app') });
    const missing = await runCliCaptured(['export-thread', 'no-such-post', '--profile', profile]);
    expect(missing.status).toBe(1);
    expect(missing.err).toContain('is not in this library');
  });
});
