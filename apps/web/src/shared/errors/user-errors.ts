import { computed, shallowRef, type Ref } from 'vue';

/** The contract's UserError as every payload returns it. */
export interface UserErrorLike {
  code: string;
  message: string;
  field?: readonly string[] | null;
}

/**
 * Keeps a mutation's `userErrors` and hands each one to the input it names, so the message
 * shows next to that field; errors naming no known field are "general" (shown above the form).
 *
 *   const errors = useUserErrors(['name', 'email']);
 *   errors.set(payload.userErrors);
 *   errors.forField('name')   // message or undefined
 *   errors.general            // messages for the form as a whole
 */
export function useUserErrors(knownFields: readonly string[] = []) {
  const list: Ref<readonly UserErrorLike[]> = shallowRef([]);

  function fieldKey(error: UserErrorLike): string | undefined {
    const path = error.field ?? [];
    // The last segment that is a known field name wins: ["input", "lines", "0", "quantity"] → "lines.0.quantity" or "quantity".
    const joined = path.filter((part) => part !== 'input').join('.');
    if (knownFields.includes(joined)) return joined;
    const last = path[path.length - 1];
    return last !== undefined && knownFields.includes(last) ? last : undefined;
  }

  return {
    list,
    set(errors: readonly UserErrorLike[] | null | undefined) {
      list.value = errors ?? [];
    },
    clear() {
      list.value = [];
    },
    forField(name: string): string | undefined {
      const matching = list.value.filter((error) => fieldKey(error) === name);
      return matching.length ? matching.map((error) => error.message).join(' ') : undefined;
    },
    general: computed(() => list.value.filter((error) => fieldKey(error) === undefined).map((error) => error.message)),
    any: computed(() => list.value.length > 0),
  };
}
