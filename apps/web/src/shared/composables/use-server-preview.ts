import type { ErrorLike } from '@apollo/client';
import { computed, onScopeDispose, shallowRef, watch } from 'vue';

export interface ServerPreviewAnswer<TQuestion, TAnswer> {
  key: string;
  question: TQuestion;
  answer: TAnswer;
}

/**
 * Asks the server what a mutation would do with the input being typed (a `…Preview` query: the
 * figures it would write, or the refusals it would answer; nothing is written), debounced while
 * typing. `question` undefined: nothing to ask yet (an input is not a number). Only the newest
 * question's answer counts: `current` answers the input as it is now, `latest` is the last answer
 * received (shown dimmed while the next one is on its way).
 */
export function useServerPreview<TQuestion, TAnswer>(
  question: () => TQuestion | undefined,
  ask: (question: TQuestion) => Promise<TAnswer | undefined>,
  delayMs = 250,
) {
  const latest = shallowRef<ServerPreviewAnswer<TQuestion, TAnswer>>();
  const error = shallowRef<ErrorLike>();
  const asked = computed(() => {
    const q = question();
    return q === undefined ? undefined : { question: q, key: JSON.stringify(q) };
  });

  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let first = true;

  async function send(next: { question: TQuestion; key: string }): Promise<void> {
    const mine = ++sequence;
    try {
      const answer = await ask(next.question);
      if (mine !== sequence || answer === undefined) return;
      error.value = undefined;
      latest.value = { key: next.key, question: next.question, answer };
    } catch (cause) {
      if (mine === sequence) error.value = cause instanceof Error ? cause : new Error(String(cause));
    }
  }

  watch(
    () => asked.value?.key,
    () => {
      clearTimeout(timer);
      error.value = undefined;
      const next = asked.value;
      if (!next) {
        // Nothing to ask: an answer still on its way belongs to another input.
        sequence++;
        return;
      }
      // The first preview at once; while typing, once the typing pauses.
      if (first) {
        first = false;
        void send(next);
      } else timer = setTimeout(() => void send(next), delayMs);
    },
    { immediate: true },
  );
  onScopeDispose(() => clearTimeout(timer));

  const current = computed(() => (latest.value && latest.value.key === asked.value?.key ? latest.value : undefined));
  return {
    current,
    latest,
    error,
    /** Asked (or about to be) and not answered yet. */
    pending: computed(() => !!asked.value && !current.value && !error.value),
    retry: () => {
      if (asked.value) void send(asked.value);
    },
  };
}
