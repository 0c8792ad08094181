import type { SourceKind } from '../types';

/**
 * Hand labels for one seed-format file: what a careful reader says is quoted in it.
 * Stored as `<file>.labels.json` beside the files they label (fixtures/seeds, fixtures/heldout).
 */
export interface FileLabels {
  /** The labelled file's name ("000_edcf6b3ca6297939.txt"). */
  file: string;
  articles: ArticleLabel[];
  /** Passages in comments that quote the post or another comment. */
  quotes: QuoteLabel[];
}

export interface ArticleLabel {
  /** "article" for pasted outside text; "link" for a URL with no pasted text. */
  kind: 'article' | 'link';
  /** "body", or the comment ids that hold it in thread order (["3", "3.1", "3.2"]). */
  where: 'body' | string[];
  /** Display name of who it is from ("The Guardian", "Pat Waterman", "redpepper.org.uk"); null when nobody can tell. */
  source: string | null;
  sourceKind: SourceKind;
  /** The first words of its text exactly as written (5 or more words, or the whole line if shorter); for a link, the URL as written. */
  first: string;
  /** The last words of its text exactly as written; for a link, the URL as written. */
  last: string;
  /** Its headline when one can be found, else null. */
  title: string | null;
  /** The URL as written when there is one, else null. */
  url: string | null;
}

export interface QuoteLabel {
  /** Id of the comment holding the quoting passage ("8", "6.1"). */
  from: string;
  /** First words of the quoted passage, as written there (without the opening quote mark). */
  first: string;
  /** What it quotes: "body" for the post, or a comment id. */
  target: 'body' | string;
}
