import './post-heading.css';
import type { Post, SourceFormat } from '../../../preload/api';
import { postLabel } from '../post-list/group-posts';

/** The post's title; for an untitled post its first words, in italics and said to be such. */
export function PostHeading({ post }: { post: Pick<Post, 'title' | 'lead'> }) {
  const label = postLabel(post);
  return (
    <h1 id="post-title" tabIndex={-1} className={label.untitled ? 'untitled' : undefined}>
      {label.untitled && <span className="sr-only">Untitled: </span>}
      {label.text}
    </h1>
  );
}

/** How each form of file is named to a reader. */
export const FORMAT_NAMES: Record<SourceFormat, string> = {
  text: 'text copy',
  html: 'saved web page',
  atom: 'Atom feed',
  'blogger-export': 'Blogger export',
};

/**
 * The files the post was read from, out of the way under the header: a name like
 * "000_edcf6b3ca6297939.txt" means little to a reader. The first is the one shown; others hold
 * the same post in another form.
 */
export function SourceFile({ sources }: { sources: { file: string; format: SourceFormat }[] }) {
  return (
    <details className="post-source">
      <summary>{sources.length > 1 ? `Source files (${sources.length})` : 'Source file'}</summary>
      {sources.length === 1 ? (
        <code>{sources[0]!.file}</code>
      ) : (
        <ul>
          {sources.map((source, i) => (
            <li key={source.file}>
              <code>{source.file}</code> — {FORMAT_NAMES[source.format]}
              {i === 0 ? ' (shown)' : ''}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
