/**
 * What reading the other forms of a library costs (issue 19):
 *
 *   npx tsx scripts/bench/formats.ts [--size-mb 200] [--dir /tmp/threadline-bench-formats] [--runs 3]
 *
 * - A generated Blogger export of about `--size-mb` MB (written once into `--dir`, never into the
 *   repo) is read by parseFeedFile in a fresh child process per run: wall time, MB/s, and the
 *   child's peak resident size (maxRSS) beside that of a child that only loads the reader, and
 *   beside a child that reads and hashes the file with the same chunks (the floor for any reader).
 * - Adversarial and random inputs, in this process: ms per file (mean, p95, max) for random
 *   feed-like XML, billion-laughs bombs, exports cut at random places, deep nesting and a long
 *   single-line text node.
 *
 * Prints a table and one JSON line. Run as `npm run bench:formats`; not part of `npm run bench`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseFeed, parseFeedFile, FEED_CHUNK_BYTES } from '../../main/core/parse/feed';

const REPO = resolve(import.meta.dirname, '../..');
const SELF = resolve(import.meta.dirname, 'formats.ts');

/** A small seeded generator (mulberry32), so every run reads the same files. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'probation officer caseload office union branch board contract handover guidance court report risk team manager meeting staff service trust ballot change week members case review supervision hostel'.split(
    ' ',
  );

function sentence(next: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]!);
  picked[0] = picked[0]![0]!.toUpperCase() + picked[0]!.slice(1);
  return `${picked.join(' ')}.`;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const BLOG = 'tag:blogger.com,1999:blog-4417302958816251007';

/** One post of the generated export with its comments (about 30 KB): classic export markup. */
function postWithComments(next: () => number, n: number): string {
  const postNumber = 5_000_000_000_000_000_000n + BigInt(n);
  const day = new Date(Date.UTC(2010, 0, 1) + n * 3_600_000 * 9);
  const when = day.toISOString().replace('Z', '+01:00');
  const paragraphs = Array.from({ length: 8 + Math.floor(next() * 8) }, () =>
    sentence(next, 25 + Math.floor(next() * 40)),
  );
  const html = paragraphs.join('<br /><br />');
  const parts = [
    `<entry><id>${BLOG}.post-${postNumber}</id><published>${when}</published><updated>${when}</updated>` +
      `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#post'/>` +
      `<category scheme='http://www.blogger.com/atom/ns#' term='${WORDS[n % WORDS.length]}'/>` +
      `<title type='text'>${escapeXml(sentence(next, 5))} ${n}</title><content type='html'>${escapeXml(html)}</content>` +
      `<author><name>Probation Matters</name><email>noreply@blogger.com</email></author></entry>\n`,
  ];
  const comments = 20 + Math.floor(next() * 40);
  for (let c = 0; c < comments; c++) {
    const id = postNumber * 100n + BigInt(c);
    const reply =
      c > 0 && next() < 0.3
        ? `<link rel='related' href='https://www.blogger.com/feeds/1/${postNumber}/comments/default/${postNumber * 100n + BigInt(Math.floor(next() * c))}'/>`
        : '';
    const text = Array.from({ length: 1 + Math.floor(next() * 4) }, () =>
      sentence(next, 8 + Math.floor(next() * 30)),
    ).join('<br /><br />');
    const time = new Date(day.getTime() + (c + 1) * 60_000).toISOString();
    parts.push(
      `<entry><id>${BLOG}.post-${id}</id><published>${time}</published>` +
        `<category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#comment'/>` +
        `<title type='text'>comment</title><content type='html'>${escapeXml(text)}</content>${reply}` +
        `<author><name>${next() < 0.6 ? 'Anonymous' : `Reader ${c}`}</name><email>noreply@blogger.com</email></author>` +
        `<thr:in-reply-to ref='${BLOG}.post-${postNumber}'/></entry>\n`,
    );
  }
  return parts.join('');
}

/** Writes the export to `path` a megabyte at a time, never holding it whole. */
function writeExport(path: string, targetBytes: number): void {
  const next = random(19);
  const fd = openSync(path, 'w');
  try {
    let written = writeSync(
      fd,
      `<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'><title type='text'>Bench Blog</title>\n` +
        `<entry><id>${BLOG}.layout</id><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#template'/><title>Template</title><content type='html'>${escapeXml('<html><body>'.padEnd(200_000, ' '))}</content></entry>\n` +
        `<entry><id>${BLOG}.settings.BLOG_NAME</id><category scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/><content type='text'>Bench Blog</content></entry>\n`,
    );
    let batch: string[] = [];
    let batchBytes = 0;
    for (let n = 0; written + batchBytes < targetBytes; n++) {
      const post = postWithComments(next, n);
      batch.push(post);
      batchBytes += post.length;
      if (batchBytes > 1 << 20) {
        written += writeSync(fd, batch.join(''));
        batch = [];
        batchBytes = 0;
      }
    }
    written += writeSync(fd, batch.join('') + '</feed>\n');
  } finally {
    closeSync(fd);
  }
}

interface ChildFigures {
  ms: number;
  /** CPU time (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  maxRssMb: number;
  posts: number;
  comments: number;
  problems: number;
}

/** In a child: reads the file one way and prints its figures. */
function child(mode: string, path: string): void {
  const start = performance.now();
  const cpu = process.cpuUsage();
  let posts = 0;
  let comments = 0;
  let problems = 0;
  if (mode === 'parse') {
    const result = parseFeedFile(path, 'export.xml');
    posts = result.posts.length;
    comments = result.posts.reduce((sum, post) => sum + post.foundCommentCount, 0);
    problems = result.problems.length;
  } else if (mode === 'hash') {
    const hash = createHash('sha1');
    const buffer = Buffer.allocUnsafe(FEED_CHUNK_BYTES);
    const fd = openSync(path, 'r');
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, read));
      new TextDecoder().decode(buffer.subarray(0, read));
    }
    closeSync(fd);
    hash.digest('hex');
  }
  const figures: ChildFigures = {
    ms: performance.now() - start,
    cpuMs: (() => {
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1000;
    })(),
    maxRssMb: (process.resourceUsage().maxRSS * 1024) / 1e6,
    posts,
    comments,
    problems,
  };
  process.stdout.write(JSON.stringify(figures) + '\n');
}

function runChild(mode: string, path: string): ChildFigures {
  const out = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--child', mode, path], {
    cwd: REPO,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`The ${mode} child failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildFigures;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** ms per file over `inputs`: mean, p95 and max. */
function perFile(inputs: Uint8Array[]): { files: number; meanMs: number; p95Ms: number; maxMs: number } {
  const times = inputs.map((input) => {
    const start = performance.now();
    parseFeed(input, 'adversarial.xml');
    return performance.now() - start;
  });
  const sorted = [...times].sort((a, b) => a - b);
  return {
    files: inputs.length,
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)]!,
    maxMs: sorted[sorted.length - 1]!,
  };
}

const encoder = new TextEncoder();

function adversarial(sample: Uint8Array): Record<string, ReturnType<typeof perFile>> {
  const next = random(7);
  const pieces = [
    '<entry>',
    '</entry>',
    '<content>',
    '</content>',
    "<title type='text'>t</title>",
    '&lt;p&gt;',
    '&amp;',
    '<',
    '>',
    '&x;',
    '<![CDATA[',
    ']]>',
    "<thr:in-reply-to ref='1234567'/>",
    '\n',
  ];
  const randomXml = Array.from({ length: 500 }, () => {
    const parts = ["<?xml version='1.0'?><feed>"];
    for (let k = 0, count = 50 + Math.floor(next() * 2000); k < count; k++)
      parts.push(
        next() < 0.8
          ? pieces[Math.floor(next() * pieces.length)]!
          : String.fromCharCode(32 + Math.floor(next() * 2000)),
      );
    return encoder.encode(parts.join(''));
  });
  const bomb = (levels: number, fanout: number) => {
    const entities = Array.from({ length: levels }, (_, k) =>
      k === 0 ? '<!ENTITY e0 "lol">' : `<!ENTITY e${k} "${`&e${k - 1};`.repeat(fanout)}">`,
    );
    return encoder.encode(
      `<?xml version="1.0"?><!DOCTYPE feed [${entities.join('')}]><feed><entry><content>&e${levels - 1};</content></entry></feed>`,
    );
  };
  const bombs = [bomb(10, 10), bomb(30, 10), bomb(1000, 2), bomb(10, 1000)];
  const cuts = Array.from({ length: 200 }, () => sample.subarray(0, Math.floor(next() * sample.length)));
  const deep = [
    encoder.encode(`<feed>${'<entry><content>'.repeat(100_000)}`),
    encoder.encode(`<feed><entry>${'<div>'.repeat(100_000)}`),
    encoder.encode(`<feed><entry><content type='xhtml'>${'<div>'.repeat(200_000)}x</content></entry></feed>`),
  ];
  const longLine = [
    encoder.encode(
      `<feed><entry><title>t</title><published>2014-01-01T00:00:00Z</published><content type='text'>${'a'.repeat(20_000_000)}</content></entry></feed>`,
    ),
  ];
  return {
    'random feed-like XML (500 files, ~0.5–10 KB)': perFile(randomXml),
    'billion laughs (4 bombs)': perFile(bombs),
    'export cut at random places (200 files, ≤ 1 MB)': perFile(cuts),
    'deep nesting (100k, 100k, 200k levels)': perFile(deep),
    '20 MB single-line text node': perFile(longLine),
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const at = args.indexOf('--child');
  if (at >= 0) return child(args[at + 1]!, args[at + 2]!);
  const option = (name: string, fallback: string) => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1]! : fallback;
  };
  const sizeMb = Number(option('--size-mb', '200'));
  const dir = option('--dir', '/tmp/threadline-bench-formats');
  const runs = Number(option('--runs', '3'));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `export-${sizeMb}mb.xml`);
  if (!existsSync(path) || Math.abs(statSync(path).size - sizeMb * 1e6) > 2e6) {
    process.stderr.write(`Writing a ${sizeMb} MB export to ${path}…\n`);
    writeExport(path, sizeMb * 1e6);
  }
  const bytes = statSync(path).size;
  const sample = join(dir, 'sample-1mb.xml');
  if (!existsSync(sample)) writeExport(sample, 1e6);

  const load = runChild('none', path);
  const parse: ChildFigures[] = [];
  const hash: ChildFigures[] = [];
  for (let run = 0; run < runs; run++) {
    // Interleaved, so a busy moment of the machine falls on both.
    hash.push(runChild('hash', path));
    parse.push(runChild('parse', path));
  }
  const parseMs = median(parse.map((f) => f.ms));
  const hashMs = median(hash.map((f) => f.ms));
  const export_ = {
    file: path,
    mb: bytes / 1e6,
    posts: parse[0]!.posts,
    comments: parse[0]!.comments,
    problems: parse[0]!.problems,
    parseMs: parse.map((f) => Math.round(f.ms)),
    parseCpuMs: parse.map((f) => Math.round(f.cpuMs)),
    readHashDecodeMs: hash.map((f) => Math.round(f.ms)),
    parseMbPerS: bytes / 1e6 / (parseMs / 1000),
    parseOverReadHash: parseMs / hashMs,
    peakRssMb: Math.max(...parse.map((f) => f.maxRssMb)),
    loadOnlyRssMb: load.maxRssMb,
    readHashRssMb: Math.max(...hash.map((f) => f.maxRssMb)),
  };
  const adversary = adversarial(readFileSync(sample));
  const report = { export: export_, adversarial: adversary };
  process.stdout.write(
    [
      `Export: ${export_.mb.toFixed(0)} MB, ${export_.posts} posts, ${export_.comments} comments, ${export_.problems} problems`,
      `  parseFeedFile CPU: ${export_.parseCpuMs.join(', ')} ms (${(export_.mb / (median(export_.parseCpuMs) / 1000)).toFixed(1)} MB/s of CPU)`,
      `  parseFeedFile: median ${Math.round(parseMs)} ms (${export_.parseMbPerS.toFixed(1)} MB/s; runs ${export_.parseMs.join(', ')}), ${export_.parseOverReadHash.toFixed(1)}× read+hash+decode (${Math.round(hashMs)} ms)`,
      `  peak RSS: ${export_.peakRssMb.toFixed(0)} MB (loading the reader alone: ${export_.loadOnlyRssMb.toFixed(0)} MB; read+hash: ${export_.readHashRssMb.toFixed(0)} MB)`,
      'Adversarial and random inputs (ms per file):',
      ...Object.entries(adversary).map(
        ([name, f]) => `  ${name}: mean ${f.meanMs.toFixed(2)}, p95 ${f.p95Ms.toFixed(2)}, max ${f.maxMs.toFixed(2)}`,
      ),
      JSON.stringify(report),
    ].join('\n') + '\n',
  );
}

main();
