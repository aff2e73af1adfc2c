import { computed } from 'vue';
import { useViewer } from '@/features/session/composables/use-viewer';
import { useViewerCan, type ViewerCan } from '@/features/session/composables/use-viewer-can';

/**
 * Which catalog forms the page offers, as the server says (viewerCan): adding a client, supplier or
 * product is the same leave as editing one (the catalog records carry no `can` of their own yet).
 * Until the server has answered, none.
 */
export function useCatalogAccess() {
  const { organization } = useViewer();
  const { viewerCan } = useViewerCan();
  const may = (action: keyof Omit<ViewerCan, '__typename'>) => computed(() => viewerCan.value?.[action].allowed ?? false);
  return {
    currency: computed(() => organization.value?.currency ?? 'USD'),
    mayEditClients: may('createClient'),
    mayEditSuppliers: may('createSupplier'),
    mayEditProducts: may('createProduct'),
    mayAdjustStock: may('adjustStock'),
  };
}
