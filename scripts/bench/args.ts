/** The bench's command line (pure: no file system, no clock). */

export const DEFAULT_SIZES = [5000, 20000] as const;

export const USAGE = `Usage: npm run bench [-- --posts 5000,20000 | --corpus <dir>] [--runs N] [--cold-runs N] [--change-runs N] [--cli-runs N] [--json] [--build] [--no-browser] [--keep] [--table <report.json>]

  --posts LIST     library sizes to measure, side by side (default 5000,20000); each is /tmp/corpusNk
                   (e.g. /tmp/corpus20k), generated there when missing (npm run corpus -- --posts N --out …)
  --corpus DIR     measure this folder alone instead
  --runs N         runs per figure (default 5)
  --cold-runs N    runs of the slow cold index and its baselines (default: the smaller of 3 and --runs)
  --change-runs N  runs of each change (edit, add, remove a file) (default: the smaller of 3 and --runs)
  --cli-runs N     runs of each command in the CLI start figure (default: twice --runs)
  --json           print JSON instead of the Markdown table
  --build          build the app first (npx electron-vite build): the cold index then runs its parse worker, Chromium its renderer
  --no-browser     skip the Chromium figures (reported as not measured)
  --keep           keep the temporary profiles and library copies (their paths are printed)
  --table FILE     measure nothing: print the Markdown report of a saved --json report`;

export interface Args {
  /** Library sizes (posts), ascending; empty with `corpus`. */
  sizes: number[];
  corpus: string | null;
  runs: number;
  coldRuns: number;
  changeRuns: number;
  cliRuns: number;
  json: boolean;
  build: boolean;
  browser: boolean;
  keep: boolean;
  /** A saved --json report to print as Markdown, measuring nothing. */
  table: string | null;
}

/** "5000,20000" → [5000, 20000] (sorted, without repeats); throws on anything else. */
export function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => {
    const trimmed = part.trim().toLowerCase();
    const value = /^\d+(\.\d+)?k$/.test(trimmed) ? Number(trimmed.slice(0, -1)) * 1000 : Number(trimmed);
    if (!trimmed || !Number.isInteger(value) || value < 1)
      throw new Error(`--posts needs whole numbers of posts separated by commas ("5000,20000"), not "${part}"`);
    return value;
  });
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** Parses the bench's arguments: the Args, 'help', or a message saying what is wrong. */
export function parseArgs(argv: string[]): Args | 'help' | string {
  const args: Args = {
    sizes: [...DEFAULT_SIZES],
    corpus: null,
    runs: 5,
    coldRuns: 0,
    changeRuns: 0,
    cliRuns: 0,
    json: false,
    build: false,
    browser: true,
    keep: false,
    table: null,
  };
  let coldRuns: number | null = null;
  let changeRuns: number | null = null;
  let cliRuns: number | null = null;
  let sizesGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} needs a value`);
      return next;
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${arg} needs a whole number of at least 1`);
      return n;
    };
    try {
      if (arg === '--posts') {
        args.sizes = parseSizes(value());
        sizesGiven = true;
      } else if (arg === '--corpus') args.corpus = value();
      else if (arg === '--runs') args.runs = count();
      else if (arg === '--cold-runs') coldRuns = count();
      else if (arg === '--change-runs') changeRuns = count();
      else if (arg === '--cli-runs') cliRuns = count();
      else if (arg === '--json') args.json = true;
      else if (arg === '--build') args.build = true;
      else if (arg === '--no-browser') args.browser = false;
      else if (arg === '--keep') args.keep = true;
      else if (arg === '--table') args.table = value();
      else if (arg === '--help' || arg === '-h') return 'help';
      else return `unknown argument "${arg}"`;
    } catch (error) {
      return (error as Error).message;
    }
  }
  if (args.corpus !== null) {
    if (sizesGiven) return '--corpus and --posts cannot go together: --corpus measures one folder';
    args.sizes = [];
  }
  args.coldRuns = coldRuns ?? Math.min(3, args.runs);
  args.changeRuns = changeRuns ?? Math.min(3, args.runs);
  args.cliRuns = cliRuns ?? 2 * args.runs;
  return args;
}

/** 5000 → "5k", 20000 → "20k", 2500 → "2.5k", 300 → "300". */
export function sizeLabel(posts: number): string {
  return posts >= 1000 ? `${Number((posts / 1000).toFixed(1))}k` : String(posts);
}

/** Where the corpus of `posts` posts is kept between runs: /tmp/corpus5k, /tmp/corpus20k, /tmp/corpus300. */
export function defaultCorpusDir(posts: number): string {
  return `/tmp/corpus${posts % 1000 === 0 ? `${posts / 1000}k` : posts}`;
}
