import { describe, expect, it } from 'vitest';
import { createSession } from './session';

describe("the window's session", () => {
  it('keeps a failure told before the window started for its first resume', () => {
    const told: string[] = [];
    const session = createSession((message) => told.push(message));
    session.failed('The data folder cannot be written.', false);
    expect(told).toEqual(['The data folder cannot be written.']);
    expect(session.resume()).toEqual({ postId: null, notice: 'The data folder cannot be written.' });
    expect(session.resume()).toEqual({ postId: null, notice: null });
  });

  it('tells a failure at once while the window is up, and has nothing to resume', () => {
    const told: string[] = [];
    const session = createSession((message) => told.push(message));
    session.resume();
    session.postOpened('post-a');
    session.failed('A helper process stopped.', false);
    expect(told).toEqual(['A helper process stopped.']);
    expect(session.resume()).toEqual({ postId: null, notice: null });
  });

  it('after a crash, gives the post that was open and the notice, once', () => {
    const told: string[] = [];
    const session = createSession((message) => told.push(message));
    session.postOpened('post-a');
    session.postOpened('post-b');
    session.failed('The window stopped unexpectedly.', true);
    expect(told).toEqual([]);
    expect(session.resume()).toEqual({ postId: 'post-b', notice: 'The window stopped unexpectedly.' });
    expect(session.resume()).toEqual({ postId: null, notice: null });
  });
});
