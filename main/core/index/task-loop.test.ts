import { describe, expect, it } from 'vitest';
import { TaskLoop, type Reply, type Started } from './task-loop';
import { WriteLock } from './write-lock';

type Task = { kind: 'extract' | 'other' | 'broken'; name: string };

/** A loop whose tasks record what happened to them: parsed, written, answered. */
function harness(lock: WriteLock) {
  const events: string[] = [];
  const replies: { id: number; reply: Reply }[] = [];
  const start = (task: Task): Started => {
    if (task.kind === 'broken') throw new Error(`${task.name} cannot be parsed`);
    if (task.kind === 'other') {
      events.push(`answered ${task.name}`);
      return { answer: task.name };
    }
    events.push(`parsed ${task.name}`);
    return {
      write: () => {
        // The lock is this thread's while it writes.
        expect(lock.holder).toBe(1);
        events.push(`wrote ${task.name}`);
        return `${task.name} written`;
      },
      lock,
    };
  };
  const loop = new TaskLoop<Task>(1, start, (id, reply) => replies.push({ id, reply }));
  return { loop, events, replies };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('a parse worker’s task loop', () => {
  it('parses the next batch while another thread holds the write lock, then writes both in order', async () => {
    const lock = new WriteLock();
    lock.acquire(2);
    const { loop, events, replies } = harness(lock);
    loop.push(0, { kind: 'extract', name: 'a' });
    loop.push(1, { kind: 'extract', name: 'b' });
    await settle();
    expect(events).toEqual(['parsed a', 'parsed b']);
    expect(loop.waitingToWrite).toBe(2);
    expect(replies).toEqual([]);

    lock.release(2);
    await settle();
    expect(events).toEqual(['parsed a', 'parsed b', 'wrote a', 'wrote b']);
    expect(replies).toEqual([
      { id: 0, reply: { result: 'a written' } },
      { id: 1, reply: { result: 'b written' } },
    ]);
    expect(lock.holder).toBe(0);
  });

  it('starts a task that arrives while it waits for the lock, and answers it after the batch before it', async () => {
    const lock = new WriteLock();
    lock.acquire(2);
    const { loop, events, replies } = harness(lock);
    loop.push(0, { kind: 'extract', name: 'a' });
    await settle();
    loop.push(1, { kind: 'other', name: 'articles' });
    await settle();
    // Answered at once, but not sent ahead of the batch still waiting to be written.
    expect(events).toEqual(['parsed a', 'answered articles']);
    expect(replies).toEqual([]);
    lock.release(2);
    await settle();
    expect(replies.map((r) => r.id)).toEqual([0, 1]);
  });

  it('writes a parsed batch before starting the next task when the lock is free', async () => {
    const lock = new WriteLock();
    const { loop, events } = harness(lock);
    loop.push(0, { kind: 'extract', name: 'a' });
    loop.push(1, { kind: 'extract', name: 'b' });
    await settle();
    expect(events).toEqual(['parsed a', 'wrote a', 'parsed b', 'wrote b']);
  });

  it('replies with the error of a task that fails, and goes on with the rest', async () => {
    const lock = new WriteLock();
    const { loop, replies } = harness(lock);
    loop.push(0, { kind: 'broken', name: 'x' });
    loop.push(1, { kind: 'extract', name: 'b' });
    await settle();
    expect(replies).toEqual([
      { id: 0, reply: { error: 'x cannot be parsed' } },
      { id: 1, reply: { result: 'b written' } },
    ]);
  });
});
