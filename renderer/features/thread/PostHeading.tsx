import './post-heading.css';
import type { Post } from '../../../preload/api';
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

/** The file the post was read from, out of the way under the header: a name like "000_edcf6b3ca6297939.txt" means little to a reader. */
export function SourceFile({ file }: { file: string }) {
  return (
    <details className="post-source">
      <summary>Source file</summary>
      <code>{file}</code>
    </details>
  );
}
