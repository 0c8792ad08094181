/** A process's memory as Linux reports it (/proc/<pid>/status). */
import { readFileSync } from 'node:fs';

export interface MemorySample {
  /** Peak resident size, MB (the kernel's own high-water mark). */
  hwmMb: number;
  /** The highest anonymous and mapped-file resident sizes seen, MB. */
  anonMb: number;
  fileMb: number;
}

/** VmHWM, RssAnon and RssFile of a process, in MB; null once it is gone. */
export function statusOf(pid: number | 'self'): MemorySample | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  // A process that has exited (a zombie) has no memory lines.
  if (Number.isNaN(kb('VmHWM'))) return null;
  return { hwmMb: kb('VmHWM') / 1024, anonMb: kb('RssAnon') / 1024, fileMb: kb('RssFile') / 1024 };
}
