import type { TypePolicies } from '@apollo/client';

/**
 * A record's `can` has no id of its own: it lives inside its record in the cache. Different documents
 * select different actions of it (the sales order page all of them, an invoice mutation only a few),
 * so each answer merges into what is cached instead of replacing it and losing the others.
 */
export const typePolicies: TypePolicies = Object.fromEntries(
  ['ProjectCan', 'SalesOrderCan', 'PurchaseOrderCan', 'InvoiceCan', 'NoteCan', 'ViewerCan'].map((type) => [type, { merge: true }]),
);
