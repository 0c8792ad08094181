/**
 * Reading sentences aloud through the Web Speech API, one utterance per sentence so the sentence
 * being read can be marked. The synthesis and the utterance are handed in (the window's, or a
 * test's stand-in), so the controller runs without a browser.
 */
import type { Sentence } from './sentences';

/** What the controller uses of window.speechSynthesis. */
export interface SynthesisLike {
  speak(utterance: UtteranceLike): void;
  cancel(): void;
  getVoices(): readonly unknown[];
  addEventListener?(type: 'voiceschanged', listener: () => void): void;
  removeEventListener?(type: 'voiceschanged', listener: () => void): void;
}

/** What it uses of a SpeechSynthesisUtterance. */
export interface UtteranceLike {
  onend: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export type ReadingState =
  { status: 'idle' } | { status: 'reading'; index: number; total: number } | { status: 'unavailable'; message: string };

export const NO_SYNTHESIS =
  'Reading aloud is not possible: this system has no speech synthesis. Install a speech engine (on Linux, speech-dispatcher with espeak-ng), then restart Threadline.';
export const NO_VOICES =
  'Reading aloud is not possible: no speech voices are installed. Install speech-dispatcher voices (for example espeak-ng, or your desktop’s speech settings), then restart Threadline.';

/**
 * The voices the system has: at once when it lists them, else once it says they changed (some
 * engines load them after the page), else none after `waitMs`.
 */
export function voicesReady(synth: SynthesisLike, waitMs: number): Promise<number> {
  const now = synth.getVoices().length;
  if (now || !synth.addEventListener) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      synth.removeEventListener?.('voiceschanged', done);
      resolve(synth.getVoices().length);
    };
    const timer = setTimeout(done, waitMs);
    synth.addEventListener!('voiceschanged', done);
  });
}

/**
 * Reads sentences in order, telling `onChange` which one is being read; stop() ends it at once.
 * Starting again stops what was being read.
 */
export function createReadAloud(
  synth: SynthesisLike | null,
  makeUtterance: (text: string) => UtteranceLike,
  onChange: (state: ReadingState) => void,
  options: { voiceWaitMs?: number } = {},
) {
  let run = 0;
  const stop = () => {
    run++;
    synth?.cancel();
    onChange({ status: 'idle' });
  };
  async function read(sentences: readonly Sentence[]): Promise<void> {
    const mine = ++run;
    if (!synth) return onChange({ status: 'unavailable', message: NO_SYNTHESIS });
    synth.cancel();
    if (!(await voicesReady(synth, options.voiceWaitMs ?? 1500)))
      return mine === run ? onChange({ status: 'unavailable', message: NO_VOICES }) : undefined;
    const speakFrom = (index: number) => {
      if (mine !== run) return;
      if (index >= sentences.length) {
        run++;
        return onChange({ status: 'idle' });
      }
      onChange({ status: 'reading', index, total: sentences.length });
      const utterance = makeUtterance(sentences[index]!.text);
      utterance.onend = () => speakFrom(index + 1);
      // A failed sentence ends the reading rather than skipping on silently.
      utterance.onerror = () => (mine === run ? stop() : undefined);
      synth.speak(utterance);
    };
    if (mine === run) speakFrom(0);
  }
  return { read, stop };
}
