import { useSyncExternalStore } from 'react';
import { useApp } from '../../store';
import { createReadAloud, type ReadingState, type SynthesisLike, type UtteranceLike } from './controller';
import { splitSentences } from './sentences';
import { rangeOf, textMapOf, type TextMap } from './text-map';
import { useTabStop } from '../../ui/tab-stop';

/** The name of the CSS highlight marking the sentence being read (styled by ::highlight(read-aloud)). */
const HIGHLIGHT = 'read-aloud';

type Registry = { set(name: string, h: unknown): void; delete(name: string): void };
const highlights = (): Registry | null =>
  (globalThis.CSS as unknown as { highlights?: Registry } | undefined)?.highlights ?? null;
const HighlightClass = (): (new (...ranges: Range[]) => unknown) | null =>
  (globalThis as unknown as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight ?? null;

/** One reading at a time, whichever button started it. */
let reading: { owner: string; state: ReadingState } | null = null;
const listeners = new Set<() => void>();
const publish = (next: typeof reading) => {
  reading = next;
  listeners.forEach((l) => l());
};
let map: TextMap | null = null;
let sentences: ReturnType<typeof splitSentences> = [];
/** Set when a key stopped the reading, so the click that key makes on this button does not start it again. */
let stoppedByKey = false;

function mark(index: number | null): void {
  const registry = highlights();
  const Highlight = HighlightClass();
  if (!registry || !Highlight) return;
  const sentence = index === null ? null : sentences[index];
  const range = sentence && map ? rangeOf(map, sentence.start, sentence.end) : null;
  if (!range) return registry.delete(HIGHLIGHT);
  registry.set(HIGHLIGHT, new Highlight(range));
  range.startContainer.parentElement?.scrollIntoView?.({ block: 'nearest' });
}

const onAnyKey = (event: KeyboardEvent) => {
  if (reading?.state.status !== 'reading') return;
  stoppedByKey = true;
  window.addEventListener('keyup', () => setTimeout(() => (stoppedByKey = false), 0), { once: true });
  event.preventDefault();
  controller.stop();
};

const synthesis = (): SynthesisLike | null =>
  typeof speechSynthesis === 'undefined' || typeof SpeechSynthesisUtterance === 'undefined'
    ? null
    : (speechSynthesis as unknown as SynthesisLike);

let owner = '';
const controller = createReadAloud(
  synthesis(),
  (text) => new SpeechSynthesisUtterance(text) as unknown as UtteranceLike,
  (state) => {
    mark(state.status === 'reading' ? state.index : null);
    if (state.status === 'reading') window.addEventListener('keydown', onAnyKey, true);
    else window.removeEventListener('keydown', onAnyKey, true);
    publish(state.status === 'idle' ? null : { owner, state });
  },
);

function useReading(name: string): ReadingState | null {
  const current = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => reading,
  );
  return current?.owner === name ? current.state : null;
}

/**
 * "Read aloud" for the post or a comment: reads its text a sentence at a time with the system's
 * voices, marking the sentence being read; any key or the button (then "Stop reading") stops it.
 */
export function ReadAloudButton({ name, label, roots }: { name: string; label: string; roots: () => Element[] }) {
  const state = useReading(name);
  const announce = useApp((s) => s.announce);
  const tabIndex = useTabStop();
  const speaking = state?.status === 'reading';
  const toggle = () => {
    if (stoppedByKey) return;
    if (speaking) {
      controller.stop();
      return announce('Stopped reading.');
    }
    map = textMapOf(roots());
    sentences = splitSentences(map.text);
    owner = name;
    if (!sentences.length) return announce('There is no text to read here.', true);
    void controller.read(sentences).then(() => {
      const now = reading;
      if (now?.owner === name && now.state.status === 'unavailable') announce(now.state.message, true);
      else if (now?.owner === name) announce('Reading aloud. Press any key to stop.');
    });
  };
  return (
    <button
      type="button"
      className={speaking ? 'read-aloud reading' : 'read-aloud'}
      tabIndex={tabIndex}
      aria-label={speaking ? 'Stop reading' : label}
      title={speaking ? 'Stop reading (any key)' : label}
      onClick={toggle}
    >
      {speaking ? '■ Stop' : '▶ Read aloud'}
    </button>
  );
}
