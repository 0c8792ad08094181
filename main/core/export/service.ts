/**
 * `thread.export`: a post with its thread written as Markdown, self-contained HTML or PDF where
 * the reader chose. The PDF is printed from the same HTML by whatever the host has (Electron's
 * printToPDF in a hidden window, Chromium's in the harness), handed in as a PdfMaker.
 */
import { writeFile } from 'node:fs/promises';
import type { Handlers } from '../../../preload/api';
import type { Annotation } from '../annotations/types';
import type { IndexQueries } from '../index/queries';
import { UserError } from '../errors';
import { quotedIn, type PostReader } from '../open-post';
import { buildLink } from '../shared/links';
import { threadDoc } from './thread';
import { threadHtml } from './thread-html';
import { threadMarkdown } from './thread-markdown';

/** Prints a self-contained HTML page to PDF bytes. */
export type PdfMaker = (html: string) => Promise<Uint8Array>;

const EXTENSIONS = { markdown: 'md', html: 'html', pdf: 'pdf' } as const;

export interface ThreadExportDeps {
  library(): { root: string; queries: IndexQueries; linkId: string };
  posts: PostReader;
  /** The reader's live annotations of a post. */
  annotationsOf(postId: string): Promise<Annotation[]>;
  saveFile(suggestedName: string): Promise<string | null>;
  /** None: PDF exports are refused, saying why. */
  printToPdf?: PdfMaker;
}

export function createThreadExport(deps: ThreadExportDeps): Pick<Handlers, 'thread.export'> {
  return {
    'thread.export': async ({ postId, format, collapsed, annotations }) => {
      const { root, queries, linkId } = deps.library();
      const printToPdf = deps.printToPdf;
      if (format === 'pdf' && !printToPdf)
        throw new UserError(
          'unsupported',
          'Exporting as PDF failed: this window cannot print. Export as HTML and print that from a browser.',
        );
      const read = await deps.posts.latest(root, queries, postId);
      const doc = threadDoc({
        post: read.post,
        articles: quotedIn(read, queries).articles,
        annotations: annotations ? await deps.annotationsOf(postId) : [],
        collapsed: collapsed ? new Set(collapsed) : null,
        linkTo: (place) => buildLink({ library: linkId, postId, ...place }),
      });
      const target = await deps.saveFile(`${postId.replace(/[^\w.-]+/g, '-')}.${EXTENSIONS[format]}`);
      if (!target) return null;
      let bytes: string | Uint8Array;
      try {
        bytes = format === 'markdown' ? threadMarkdown(doc) : threadHtml(doc);
        if (format === 'pdf') bytes = await printToPdf!(bytes);
      } catch (error) {
        throw new UserError(
          'print-failed',
          `Exporting as PDF failed: ${(error as Error).message}. Try again, or export as HTML and print that from a browser.`,
        );
      }
      try {
        await writeFile(target, bytes);
      } catch (error) {
        throw new UserError(
          'write-failed',
          `Exporting failed: ${target} could not be written (${(error as Error).message}). Choose another place.`,
        );
      }
      return { path: target, format };
    },
  };
}
