/** Bytes, from /proc/self/status (Linux). */
export interface Memory {
  rssAnon: number;
  rssFile: number;
  rssShmem: number;
  /** Peak resident memory of the process so far. */
  vmHwm: number;
}

/** Reads the memory figures of /proc/<pid>/status text (kB lines) into bytes. */
export function parseStatus(text: string): Memory {
  const kb = (name: string) => {
    const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text);
    if (!match) throw new Error(`no ${name} in /proc/self/status`);
    return Number(match[1]) * 1024;
  };
  return { rssAnon: kb('RssAnon'), rssFile: kb('RssFile'), rssShmem: kb('RssShmem'), vmHwm: kb('VmHWM') };
}
