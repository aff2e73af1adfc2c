import type { ErrorCode, ViewerCanQuery } from '@/gql/graphql';

/** Permissions as the API answers them, for mocked responses. */
export const allowed = { __typename: 'Permission', allowed: true, code: null, reason: null } as const;

export function refused(code: ErrorCode, reason: string) {
  return { __typename: 'Permission', allowed: false, code, reason } as const;
}

type ViewerAction = Exclude<keyof ViewerCanQuery['viewerCan'], '__typename'>;
const VIEWER_ACTIONS: ViewerAction[] = [
  'createUser',
  'createClient',
  'createSupplier',
  'createProduct',
  'adjustStock',
  'createProject',
  'createPurchaseOrder',
  'exportInvoices',
  'scheduleSalesOrders',
  'followInvoicingQueue',
  'updateOrganization',
];

/** The ViewerCan answer of a viewer who may do exactly `actions` (the rest refused as their role's). */
export function viewerCanAnswer(...actions: ViewerAction[]): { data: ViewerCanQuery } {
  const viewerCan = Object.fromEntries(
    VIEWER_ACTIONS.map((action) => [action, actions.includes(action) ? allowed : refused('FORBIDDEN', `Your role does not allow ${action}.`)]),
  ) as Omit<ViewerCanQuery['viewerCan'], '__typename'>;
  return { data: { viewerCan: { __typename: 'ViewerCan', ...viewerCan } } };
}
