import { shallowRef } from 'vue';
import type { RouteLocationRaw } from 'vue-router';

/** A short "done" message after an action, with a link to the record it made or changed. */
export interface Toast {
  id: number;
  message: string;
  link?: { to: RouteLocationRaw; label: string };
}

// One list for the whole app: the host in App.vue shows it, any page adds to it.
const toasts = shallowRef<readonly Toast[]>([]);
let nextId = 1;

/** How long a toast stays before it leaves by itself (it can be closed sooner). */
const SHOWN_MS = 10_000;

export function dismissToast(id: number): void {
  toasts.value = toasts.value.filter((t) => t.id !== id);
}

export function showToast(message: string, link?: Toast['link']): Toast {
  const toast: Toast = { id: nextId++, message, ...(link ? { link } : {}) };
  // The latest three at most: a burst of actions does not bury the page.
  toasts.value = [...toasts.value, toast].slice(-3);
  setTimeout(() => dismissToast(toast.id), SHOWN_MS);
  return toast;
}

export function useToasts() {
  return { toasts, showToast, dismissToast };
}
