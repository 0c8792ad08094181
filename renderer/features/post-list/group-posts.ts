import type { PostSummary } from '../../../preload/api';
import { formatMonth } from '../../ui/format';

export interface PostGroup {
  year: string;
  months: { label: string; posts: PostSummary[] }[];
}

/** Groups posts (already newest first) by year, then month, keeping their order. */
export function groupPosts(posts: PostSummary[]): PostGroup[] {
  const groups: PostGroup[] = [];
  for (const post of posts) {
    const year = post.date?.slice(0, 4) ?? 'Undated';
    const label = formatMonth(post.date);
    let group = groups[groups.length - 1];
    if (!group || group.year !== year) groups.push((group = { year, months: [] }));
    let month = group.months[group.months.length - 1];
    if (!month || month.label !== label) group.months.push((month = { label, posts: [] }));
    month.posts.push(post);
  }
  return groups;
}
