import { computed } from 'vue';
import { ViewerDocument } from '@/gql/graphql';
import { useQuery } from '@/shared/composables/use-query';

/** The signed-in user and their organization, from the cache the session guard filled. */
export function useViewer() {
  const query = useQuery(ViewerDocument);
  return {
    ...query,
    me: computed(() => query.data.value?.me ?? null),
    organization: computed(() => query.data.value?.organization ?? null),
  };
}
