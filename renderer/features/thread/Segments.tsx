import { useMemo } from 'react';
import type { Annotation, InternalQuote } from '../../../preload/api';
import { useApp } from '../../store';
import { matchRanges, termPattern } from '../../../main/core/shared/match';
import type { MarkRange } from '../../ui/highlight';
import { LinkedText } from '../../ui/linked-text';
import { SourceIcon } from '../../ui/source-icon';
import { useTabStop } from '../../ui/tab-stop';
import { revealInThread } from './reveal';
import { describeTarget, findMarkId, type Segment, type ShownParagraph } from './segments';

function QuoteLinks({ quotes }: { quotes: InternalQuote[] }) {
  const tabIndex = useTabStop();
  if (!quotes.length) return null;
  return (
    <p className="quote-links">
      {quotes.map((quote) => {
        const { label, target } = describeTarget(quote);
        return (
          <button
            key={quote.id}
            type="button"
            className="quote-link"
            tabIndex={tabIndex}
            title={`“${quote.text}”`}
            onClick={() => revealInThread(target)}
          >
            <span aria-hidden="true">↩ </span>
            {label}
          </button>
        );
      })}
    </p>
  );
}

/** The reader's highlights that fall in a paragraph, as marks (under search and find marks where they overlap). */
export function highlightMarks(
  paragraph: Pick<ShownParagraph, 'part' | 'offset' | 'text'>,
  annotations: readonly Annotation[],
): MarkRange[] {
  const from = paragraph.offset;
  const to = from + paragraph.text.length;
  return annotations.flatMap((a): MarkRange[] => {
    const { state, part, start, end } = a.anchor;
    if (
      a.kind !== 'highlight' ||
      state === 'orphan' ||
      part !== paragraph.part ||
      start === null ||
      end === null ||
      end <= from ||
      start >= to
    )
      return [];
    const label = [
      `${a.colour} highlight`,
      a.note ? `note: ${a.note.slice(0, 140)}` : '',
      a.tags.length ? `tags: ${a.tags.join(', ')}` : '',
      state === 'fuzzy' ? 'the text has changed since' : '',
    ]
      .filter(Boolean)
      .join('; ');
    return [
      {
        start: Math.max(start, from) - from,
        end: Math.min(end, to) - from,
        className: `annotation annotation-${a.colour}${a.note ? ' has-note' : ''}`,
        priority: 0,
        annotation: { id: a.id, label },
      },
    ];
  });
}

/** The search words (from the search that opened the post), the find bar's matches and the reader's highlights in a paragraph, as marks. */
function useMarks(paragraph: ShownParagraph): MarkRange[] | undefined {
  const terms = useApp((s) => s.highlightTerms);
  const found = useApp((s) => s.findByParagraph.get(paragraph.id));
  // Only paragraphs with matches follow the current match.
  const current = useApp((s) => (found ? s.findCurrent : -1));
  const hits = useMemo(
    () =>
      matchRanges(paragraph.text, termPattern(terms)).map((r): MarkRange => ({ ...r, className: 'hit', priority: 1 })),
    [paragraph.text, terms],
  );
  const annotations = useApp((s) => s.postAnnotations);
  const highlights = useMemo(() => highlightMarks(paragraph, annotations), [paragraph, annotations]);
  return useMemo(() => {
    const finds = (found ?? []).map((m): MarkRange =>
      m.index === current
        ? { start: m.start, end: m.end, className: 'find-current', id: findMarkId(m.index), priority: 3 }
        : { start: m.start, end: m.end, className: 'find', id: findMarkId(m.index), priority: 2 },
    );
    const all = [...highlights, ...hits, ...finds];
    return all.length ? all : undefined;
  }, [hits, found, current, highlights]);
}

function Paragraph({ paragraph, marked }: { paragraph: ShownParagraph; marked: boolean }) {
  const classes = [paragraph.quotes.length ? 'quoting' : '', marked ? 'marked' : ''].filter(Boolean).join(' ');
  const marks = useMarks(paragraph);
  return (
    <>
      <p
        id={paragraph.id}
        className={classes || undefined}
        tabIndex={-1}
        data-part={paragraph.part}
        data-offset={paragraph.offset}
      >
        <LinkedText text={paragraph.text} marks={marks} />
      </p>
      <QuoteLinks quotes={paragraph.quotes} />
    </>
  );
}

/**
 * The writer's own paragraphs as paragraphs, and quoted outside text as block quotes with
 * their source, so the two voices are told apart at a glance. The text is the file's, as written.
 */
export function Segments({ segments, markedIds }: { segments: Segment[]; markedIds: Set<string> }) {
  const markArticle = useApp((s) => s.markArticle);
  const markedArticleId = useApp((s) => s.markedArticleId);
  const tabIndex = useTabStop();
  return (
    <>
      {segments.map((segment, index) => {
        const { article } = segment;
        if (!article)
          return segment.paragraphs.map((p) => <Paragraph key={p.id} paragraph={p} marked={markedIds.has(p.id)} />);
        const name = article.source.name ?? 'Unknown source';
        const marked = markedIds.has(segment.id!);
        return (
          <figure
            key={`${segment.id}-${index}`}
            id={segment.id!}
            className={marked ? 'quoted marked' : 'quoted'}
            tabIndex={-1}
            aria-label={`Quoted from ${name}`}
          >
            <figcaption className="quote-caption">
              <button
                type="button"
                className="quote-source"
                tabIndex={tabIndex}
                aria-pressed={markedArticleId === article.id}
                title="Show this article's card"
                onClick={() => markArticle(markedArticleId === article.id ? null : article.id)}
              >
                <SourceIcon kind={article.source.kind} />
                <span>{name}</span>
              </button>
              {segment.spanIndex > 0 ? (
                <span className="quote-title">continued</span>
              ) : (
                article.title && <span className="quote-title">{article.title}</span>
              )}
            </figcaption>
            <blockquote cite={article.url && /^https?:/i.test(article.url) ? article.url : undefined}>
              {segment.paragraphs.map((p) => (
                <Paragraph key={p.id} paragraph={p} marked={false} />
              ))}
            </blockquote>
          </figure>
        );
      })}
    </>
  );
}
