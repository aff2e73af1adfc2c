import { shallowRef } from 'vue';
import { useRouter } from 'vue-router';
import { LogOutDocument } from '@/gql/graphql';
import { useApolloClient } from '@/shared/composables/apollo-client';
import { useMutation } from '@/shared/composables/use-mutation';

export function useSignOut() {
  const client = useApolloClient();
  const router = useRouter();
  const { mutate, error } = useMutation(LogOutDocument);
  const signingOut = shallowRef(false);

  async function signOut(): Promise<void> {
    if (signingOut.value) return;
    signingOut.value = true;
    try {
      const result = await mutate({});
      if (!result) return; // the cookie is httpOnly: only the API can end the session
      await router.replace({ name: 'sign-in' });
      // After the signed-in pages are gone: nothing of this organization stays in memory.
      await client.clearStore();
    } finally {
      signingOut.value = false;
    }
  }

  return { signOut, signingOut, error };
}
