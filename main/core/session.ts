/**
 * What the main process keeps of the window's session so a crashed window comes back where it
 * was: the post it last opened (the window reports each one), and a notice for the reader to
 * see once it is back. A failure while the window is up is told at once ('shell.failure').
 */
export interface ResumeState {
  /** The post to open again: the one open when the window crashed; null on an ordinary start. */
  postId: string | null;
  /** What happened, in plain words, to show the reader; null when nothing did. */
  notice: string | null;
}

export function createSession(tell: (message: string) => void) {
  let lastPostId: string | null = null;
  let afterReload: string | null = null;
  /** A failure before the window first asked (at start-up, before it listens): kept for its first resume. */
  let beforeStart: string | null = null;
  let started = false;
  return {
    /** The window opened a post. */
    postOpened(id: string): void {
      lastPostId = id;
    },
    /** Tells the reader about a failure: now, or once the window has reloaded (`afterReload`). */
    failed(notice: string, afterReloading: boolean): void {
      if (afterReloading) afterReload = notice;
      else {
        if (!started) beforeStart = notice;
        tell(notice);
      }
    },
    /** Asked by the window as it starts: where to go back to, and what to say (each given once). */
    resume(): ResumeState {
      const state = { postId: afterReload === null ? null : lastPostId, notice: afterReload ?? beforeStart };
      afterReload = null;
      beforeStart = null;
      started = true;
      return state;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
