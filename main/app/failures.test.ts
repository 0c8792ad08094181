import { describe, expect, it, vi } from 'vitest';
import { handleFailures, respondTo, type FailureActions } from './failures';

type Listener = (...args: unknown[]) => void;

function standIns() {
  const listeners = new Map<string, Listener>();
  const on = (event: string, listener: Listener) => void listeners.set(event, listener);
  const actions: FailureActions & { calls: string[] } = {
    calls: [],
    log: vi.fn((heading: string) => void actions.calls.push(`log ${heading}`)),
    notify: vi.fn((notice: string, afterReload: boolean) =>
      actions.calls.push(`notify${afterReload ? ' after reload' : ''}: ${notice}`),
    ),
    reloadWindow: vi.fn((webContents: unknown) => void actions.calls.push(`reload ${String(webContents)}`)),
  };
  handleFailures({ process: { on }, app: { on } } as never, actions);
  const fire = (event: string, ...args: unknown[]) => listeners.get(event)!(...args);
  return { fire, actions };
}

describe('failures', () => {
  it('logs an uncaught exception and tells the reader what to do', () => {
    const { fire, actions } = standIns();
    const error = new Error('EIO: i/o error');
    fire('uncaughtException', error);
    expect(actions.log).toHaveBeenCalledWith('Uncaught exception', error);
    expect(actions.calls[1]).toBe(
      'notify: Something went wrong inside Threadline (EIO: i/o error). Your annotations are saved. If something no longer works, quit Threadline and start it again; Help → Show Log Folder has the details to send with a report.',
    );
  });

  it('logs an unhandled rejection, whatever was rejected', () => {
    const { fire, actions } = standIns();
    fire('unhandledRejection', 'plain text');
    expect(actions.calls[0]).toBe('log Unhandled rejection');
    expect(actions.calls[1]).toContain('(plain text)');
  });

  it('reloads a window whose renderer crashed, then tells the reader once it is back', () => {
    const { fire, actions } = standIns();
    fire('render-process-gone', {}, 'the-window', { reason: 'crashed', exitCode: 139 });
    expect(actions.calls).toEqual([
      "log The window's renderer process stopped: crashed (exit code 139)",
      'reload the-window',
      'notify after reload: The window stopped unexpectedly (crashed) and was opened again on the post you were reading. Nothing you saved was lost. If it keeps happening, Help → Show Log Folder has the details to send with a report.',
    ]);
  });

  it('names a helper process that stopped', () => {
    const { fire, actions } = standIns();
    fire('child-process-gone', {}, { type: 'GPU', reason: 'oom', exitCode: 1, name: 'GPU' });
    expect(actions.calls[0]).toBe('log A helper process stopped: GPU (GPU), oom (exit code 1)');
    expect(actions.calls[1]).toContain('A helper process of Threadline (GPU) stopped (oom); Threadline carries on.');
  });

  it('does nothing when a process ends normally', () => {
    const { fire, actions } = standIns();
    fire('render-process-gone', {}, 'the-window', { reason: 'clean-exit', exitCode: 0 });
    fire('child-process-gone', {}, { type: 'Utility', reason: 'clean-exit', exitCode: 0 });
    expect(actions.calls).toEqual([]);
    expect(respondTo({ kind: 'child-gone', details: { type: 'GPU', reason: 'clean-exit', exitCode: 0 } })).toBeNull();
  });

  it('survives a log that throws', () => {
    const { fire, actions } = standIns();
    vi.mocked(actions.log).mockImplementation(() => {
      throw new Error('disk full');
    });
    expect(() => fire('uncaughtException', new Error('x'))).not.toThrow();
  });
});
