import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  ramGb: number;
  node: string;
  sqlite: string;
  os: string;
  /** 1-minute load average when the benchmark started: a busy machine makes every figure slower. */
  load: number;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => /^model name\s*:/.test(l));
    if (line) return line.replace(/^model name\s*:\s*/, '').trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model.trim() ?? 'unknown';
}

export function describeMachine(): Machine {
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  return {
    cpu: cpuModel(),
    cores: availableParallelism(),
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sqlite,
    os: `${process.platform} ${release()}`,
    load: Math.round(loadavg()[0]! * 100) / 100,
  };
}

export function formatMachine(m: Machine, extra: Record<string, string> = {}): string {
  const parts = [
    `${m.cpu}`,
    `${m.cores} cores`,
    `${m.ramGb} GB RAM`,
    `Node ${m.node}`,
    `SQLite ${m.sqlite}`,
    m.os,
    `load ${m.load} at start`,
  ];
  for (const [key, value] of Object.entries(extra)) parts.push(`${key} ${value}`);
  return parts.join(', ');
}
