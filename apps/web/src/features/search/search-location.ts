import type { RouteLocationRaw } from 'vue-router';
import type { SearchResultKind } from '@/gql/graphql';

/** The page a search result opens: the record's own page; a client opens its sales orders. */
export function searchResultLocation(result: { kind: SearchResultKind; id: string }): RouteLocationRaw {
  switch (result.kind) {
    case 'PROJECT':
      return { name: 'project', params: { id: result.id } };
    case 'SALES_ORDER':
      return { name: 'sales-order', params: { id: result.id } };
    case 'PURCHASE_ORDER':
      return { name: 'purchase-order', params: { id: result.id } };
    case 'INVOICE':
    case 'DEPOSIT':
    case 'CREDIT_MEMO':
      return { name: 'invoice', params: { id: result.id } };
    case 'CLIENT':
      return { name: 'sales-orders', query: { client: result.id } };
  }
}
