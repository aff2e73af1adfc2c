import { computed } from 'vue';
import { ViewerCanDocument, type ViewerCanQuery } from '@/gql/graphql';
import { useQuery } from '@/shared/composables/use-query';

export type ViewerCan = ViewerCanQuery['viewerCan'];

/**
 * What the signed-in viewer may do beyond any one record, as the server decides it (one request,
 * then the cache; signing out clears it). Null until the server has answered: show nothing then.
 */
export function useViewerCan() {
  const query = useQuery(ViewerCanDocument);
  return { ...query, viewerCan: computed<ViewerCan | null>(() => query.data.value?.viewerCan ?? null) };
}
