import { computed } from 'vue';
import type { Role } from '@/gql/graphql';
import { useViewer } from '@/features/session/composables/use-viewer';

// DOMAIN.md, "Who uses it": who writes what in the catalog. The server decides every write
// (FORBIDDEN otherwise); these only decide whether the page offers the buttons.
const WRITERS = {
  clients: ['ADMIN', 'ORDER_REP'],
  suppliers: ['ADMIN', 'PURCHASING'],
  products: ['ADMIN', 'PURCHASING'],
  stock: ['ADMIN', 'PURCHASING'],
} as const satisfies Record<string, readonly Role[]>;

export function useCatalogAccess() {
  const { me, organization } = useViewer();
  const may = (what: keyof typeof WRITERS) => computed(() => (me.value?.roles ?? []).some((r) => (WRITERS[what] as readonly Role[]).includes(r)));
  return {
    currency: computed(() => organization.value?.currency ?? 'USD'),
    mayEditClients: may('clients'),
    mayEditSuppliers: may('suppliers'),
    mayEditProducts: may('products'),
    mayAdjustStock: may('stock'),
  };
}
