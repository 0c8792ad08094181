import { runCli } from '../main/cli';

/** Runs the CLI as a test would from a shell, capturing what it prints and its exit status. */
export async function runCliCaptured(args: string[]): Promise<{ status: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(
    args,
    (t) => out.push(t),
    (t) => err.push(t),
  );
  return { status, out: out.join('\n'), err: err.join('\n') };
}
