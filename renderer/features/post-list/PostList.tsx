import { useMemo } from 'react';
import { useApp } from '../../store';
import { formatCommentCount, formatDate } from '../../ui/format';
import { groupPosts } from './group-posts';

/** The left pane: every post, newest first, grouped by year and month. */
export function PostList() {
  const posts = useApp((s) => s.posts);
  const openPostId = useApp((s) => s.openPostId);
  const openPost = useApp((s) => s.openPost);
  const groups = useMemo(() => groupPosts(posts), [posts]);

  if (!posts.length) return <p className="empty">No posts in this library yet. Open a folder of saved posts (File → Open Folder…).</p>;
  return (
    <nav className="post-list" aria-label="Posts">
      {groups.map((group) => (
        <section key={group.year} aria-label={group.year}>
          <h2 className="year">{group.year}</h2>
          {group.months.map((month) => (
            <section key={month.label} aria-label={month.label}>
              <h3 className="month">{month.label}</h3>
              <ul>
                {month.posts.map((post) => (
                  <li key={post.id}>
                    <button
                      type="button"
                      className="post-item"
                      aria-current={post.id === openPostId ? 'true' : undefined}
                      onClick={() => void openPost(post.id)}
                    >
                      <span className="post-title">{post.title || '(untitled)'}</span>
                      <span className="post-meta">
                        <time dateTime={post.date ?? undefined}>{formatDate(post.date)}</time>
                        <span className="count">{formatCommentCount(post.foundCommentCount, post.declaredCommentCount)}</span>
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </nav>
  );
}
