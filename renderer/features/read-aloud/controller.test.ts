import { describe, expect, it } from 'vitest';
import { createReadAloud, NO_SYNTHESIS, NO_VOICES, type ReadingState, type UtteranceLike } from './controller';
import { splitSentences } from './sentences';

/** A speech engine that speaks only when told to finish the current utterance. */
function fakeSynthesis(voices: number) {
  const spoken: string[] = [];
  let current: (UtteranceLike & { text: string }) | null = null;
  const listeners: (() => void)[] = [];
  let voiceCount = voices;
  const synth = {
    cancelled: 0,
    speak(u: UtteranceLike) {
      current = u as UtteranceLike & { text: string };
      spoken.push(current.text);
    },
    cancel() {
      this.cancelled++;
      current = null;
    },
    getVoices: () => Array.from({ length: voiceCount }, (_, i) => ({ name: `voice ${i}` })),
    addEventListener: (_type: 'voiceschanged', listener: () => void) => void listeners.push(listener),
    removeEventListener: () => undefined,
    /** The current utterance finishes. */
    finish() {
      const u = current;
      current = null;
      u?.onend?.({});
    },
    fail() {
      current?.onerror?.({});
    },
    addVoices(n: number) {
      voiceCount = n;
      listeners.forEach((l) => l());
    },
  };
  const utterance = (text: string) => ({ text, onend: null, onerror: null });
  return { synth, spoken, utterance };
}

const SENTENCES = splitSentences('One is here. Two follows. Three ends it.');

describe('reading aloud', () => {
  it('speaks one utterance per sentence, in order, saying which is being read, then stops', async () => {
    const { synth, spoken, utterance } = fakeSynthesis(2);
    const states: ReadingState[] = [];
    const reader = createReadAloud(synth, utterance, (s) => states.push(s));
    await reader.read(SENTENCES);
    expect(spoken).toEqual(['One is here.']);
    synth.finish();
    synth.finish();
    expect(spoken).toEqual(['One is here.', 'Two follows.', 'Three ends it.']);
    synth.finish();
    expect(states).toEqual([
      { status: 'reading', index: 0, total: 3 },
      { status: 'reading', index: 1, total: 3 },
      { status: 'reading', index: 2, total: 3 },
      { status: 'idle' },
    ]);
  });

  it('stops at once: cancels the engine and reads no further sentence', async () => {
    const { synth, spoken, utterance } = fakeSynthesis(1);
    const states: ReadingState[] = [];
    const reader = createReadAloud(synth, utterance, (s) => states.push(s));
    await reader.read(SENTENCES);
    reader.stop();
    synth.finish();
    expect(spoken).toEqual(['One is here.']);
    expect(states.at(-1)).toEqual({ status: 'idle' });
    expect(synth.cancelled).toBeGreaterThanOrEqual(2);
  });

  it('ends the reading when the engine fails on a sentence', async () => {
    const { synth, spoken, utterance } = fakeSynthesis(1);
    const states: ReadingState[] = [];
    await createReadAloud(synth, utterance, (s) => states.push(s)).read(SENTENCES);
    synth.fail();
    synth.finish();
    expect(spoken).toEqual(['One is here.']);
    expect(states.at(-1)).toEqual({ status: 'idle' });
  });

  it('says so when there is no speech synthesis, or it has no voices', async () => {
    const states: ReadingState[] = [];
    await createReadAloud(
      null,
      () => ({ onend: null, onerror: null }),
      (s) => states.push(s),
    ).read(SENTENCES);
    expect(states).toEqual([{ status: 'unavailable', message: NO_SYNTHESIS }]);
    const { synth, utterance } = fakeSynthesis(0);
    const silent: ReadingState[] = [];
    await createReadAloud(synth, utterance, (s) => silent.push(s), { voiceWaitMs: 0 }).read(SENTENCES);
    expect(silent).toEqual([{ status: 'unavailable', message: NO_VOICES }]);
    expect(NO_VOICES).toContain('Install speech-dispatcher voices');
  });

  it('waits for voices the engine loads after the page', async () => {
    const { synth, spoken, utterance } = fakeSynthesis(0);
    const reading = createReadAloud(synth, utterance, () => undefined, { voiceWaitMs: 60_000 }).read(SENTENCES);
    synth.addVoices(3);
    await reading;
    expect(spoken).toEqual(['One is here.']);
  });
});
