import { computed, shallowRef, toValue, type MaybeRefOrGetter } from 'vue';

export interface EditableListOptions<T extends { id: string }> {
  /** Everything the list holds; the search narrows it in the browser. */
  items: MaybeRefOrGetter<readonly T[]>;
  /** Whether `item` matches the search, given trimmed and lower-cased ('' when nothing is typed). */
  matches: (item: T, search: string) => boolean;
  /** The notice once `item` is saved, `created` when it is new. */
  savedNotice: (item: T, created: boolean) => string;
  /** Loads the list again: a created item is not in the cached list yet (edits update it by id). */
  refetch: () => Promise<void>;
}

/**
 * A list page that creates and edits its items in one panel above the list: the search, which
 * item is open ('new', one being edited, or none) and the notice announced after saving.
 */
export function useEditableList<T extends { id: string }>(options: EditableListOptions<T>) {
  const search = shallowRef('');
  const editing = shallowRef<'new' | T | null>(null);
  const notice = shallowRef('');

  const visible = computed(() => {
    const q = search.value.trim().toLowerCase();
    return toValue(options.items).filter((item) => options.matches(item, q));
  });

  function open(what: 'new' | T): void {
    notice.value = '';
    editing.value = what;
  }

  function close(): void {
    editing.value = null;
  }

  async function saved(item: T): Promise<void> {
    const created = editing.value === 'new';
    editing.value = null;
    notice.value = options.savedNotice(item, created);
    if (created) await options.refetch();
  }

  /**
   * Loads the list again and reopens the item being edited as it is now (after a CONFLICT: someone
   * else saved it first). Key the form by the item's version so it starts afresh from the new values.
   */
  async function reload(): Promise<void> {
    const open = editing.value;
    await options.refetch();
    if (open && open !== 'new') editing.value = toValue(options.items).find((item) => item.id === open.id) ?? null;
  }

  return { search, editing, notice, visible, open, close, saved, reload };
}
