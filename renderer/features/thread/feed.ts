import type { Comment } from '../../../preload/api';

let cached: { comments: readonly Comment[]; collapsed: Record<string, true>; positions: Map<string, number> } | null =
  null;

/**
 * Each shown comment's place (from 0) in the thread's feed: every comment and reply in reading
 * order, without the replies of collapsed comments. Computed once per thread and collapse state.
 */
export function feedPositions(comments: readonly Comment[], collapsed: Record<string, true>): Map<string, number> {
  if (cached?.comments !== comments || cached.collapsed !== collapsed) {
    const positions = new Map(visibleCommentIds(comments, collapsed).map((id, index) => [id, index]));
    cached = { comments, collapsed, positions };
  }
  return cached.positions;
}

/** Every comment and reply of the post in reading order, leaving out replies hidden under a collapsed comment. */
export function visibleCommentIds(comments: readonly Comment[], collapsed: Record<string, true>): string[] {
  const ids: string[] = [];
  const walk = (list: readonly Comment[]) => {
    for (const comment of list) {
      ids.push(comment.id);
      if (!collapsed[comment.id]) walk(comment.replies);
    }
  };
  walk(comments);
  return ids;
}
