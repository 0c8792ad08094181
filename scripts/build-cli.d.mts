/** Why the command line in `outdir` (default out/cli) must be built again, or null when it is up to date. */
export function cliBuildProblem(outdir?: string, root?: string): string | null;
/** Bundles the command line into `outdir` (default out/cli). */
export function buildCli(outdir?: string, root?: string): Promise<{ outdir: string; files: number; inputs: number }>;
