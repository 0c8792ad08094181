/** Blogger's kind scheme, on every entry of an export and of the API's feeds. */
export const KIND_SCHEME = 'http://schemas.google.com/g/2005#kind';
/** Blogger's label scheme. */
export const LABEL_SCHEME = 'http://www.blogger.com/atom/ns#';

/** What one `<entry>` of a feed is. Settings, templates and pages are skipped (and counted). */
export type EntryKind = 'post' | 'comment' | 'settings' | 'template' | 'page' | 'other';

/** The fields of one `<entry>` that the reader keeps, as read (white space trimmed). */
export interface RawEntry {
  /** Line of `<entry>`. */
  line: number;
  /** Line of `</entry>`. */
  endLine: number;
  id: string;
  /** The term of the kind category ("…/kind#post"), or "" when there is none. */
  kindTerm: string;
  /** The newer export's `<blogger:type>` (POST, COMMENT, PAGE), or "". */
  bloggerType: string;
  /** The newer export's `<blogger:status>` (LIVE, DRAFT, …), or "". */
  bloggerStatus: string;
  /** The newer export's `<blogger:trashed>` date, or "". */
  trashed: string;
  /** The newer export's `<blogger:parent>`: the post (or comment) a comment answers, or "". */
  parent: string;
  /** `thr:in-reply-to`'s ref (the post's id), or "". */
  inReplyTo: string;
  /** `thr:in-reply-to`'s source (the post's feed address), or "". */
  inReplyToSource: string;
  /** `<link rel="related">`: for a reply, the comment it answers. */
  related: string;
  title: string;
  published: string;
  authorName: string;
  authorEmail: string;
  /** `<content>`'s type attribute ("html", "text", "xhtml"; "" when absent). */
  contentType: string;
  /** The content as text: escaped HTML unescaped by the XML parser (or the xhtml markup rebuilt). */
  content: string;
  /** Line where the content starts. */
  contentLine: number;
  /** Line of `</content>`. */
  contentEndLine: number;
  labels: string[];
  /** `<app:control><app:draft>yes</app:draft></app:control>`. */
  draft: boolean;
}

export const emptyEntry = (line: number): RawEntry => ({
  line,
  endLine: line,
  id: '',
  kindTerm: '',
  bloggerType: '',
  bloggerStatus: '',
  trashed: '',
  parent: '',
  inReplyTo: '',
  inReplyToSource: '',
  related: '',
  title: '',
  published: '',
  authorName: '',
  authorEmail: '',
  contentType: '',
  content: '',
  contentLine: line,
  contentEndLine: line,
  labels: [],
  draft: false,
});

/**
 * What an entry is: by its kind category (the classic export and the API feeds), by `<blogger:type>`
 * (the newer export), or, in a plain feed with neither, a comment when it answers something and a
 * post otherwise.
 */
export function kindOf(entry: RawEntry): EntryKind {
  const term = entry.kindTerm;
  if (term) {
    const kind = term.slice(term.lastIndexOf('#') + 1);
    return kind === 'post' || kind === 'comment' || kind === 'settings' || kind === 'template' || kind === 'page'
      ? kind
      : 'other';
  }
  const type = entry.bloggerType.toUpperCase();
  if (type === 'POST') return 'post';
  if (type === 'COMMENT') return 'comment';
  if (type === 'PAGE') return 'page';
  if (type) return 'other';
  return entry.inReplyTo || entry.inReplyToSource ? 'comment' : 'post';
}

/** Whether the newer export marks the entry deleted or as spam: it is skipped like a settings entry. */
export function isDiscarded(entry: RawEntry): boolean {
  const status = entry.bloggerStatus.toUpperCase();
  return entry.trashed !== '' || status.includes('TRASH') || status.includes('SPAM') || status === 'DELETED';
}

/**
 * The part of an entry id or address that names the entry: Blogger's number at its end
 * ("tag:blogger.com,1999:blog-1.post-4242424" and ".../comments/default/4242424?v=2" both give "4242424"), or the
 * whole text for other feeds.
 */
export function keyOf(reference: string): string {
  // Feed addresses may carry a query (".../comments/default/4242424?v=2").
  const number = /(\d{6,})\/?(?:[?#].*)?$/.exec(reference);
  return number ? number[1]! : reference;
}
