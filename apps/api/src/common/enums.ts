import { ChargeTiming, InvoiceKind, InvoiceStatus, LineKind, PurchaseOrderStage, PurchaseOrderStatus, Role, SalesOrderStatus, SearchResultKind } from '@baton/domain';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role' });
registerEnumType(SalesOrderStatus, { name: 'SalesOrderStatus' });
registerEnumType(PurchaseOrderStage, { name: 'PurchaseOrderStage' });
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus', description: 'attention flag, independent of the stage' });
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });
registerEnumType(InvoiceKind, { name: 'InvoiceKind' });
registerEnumType(LineKind, { name: 'LineKind' });
registerEnumType(ChargeTiming, { name: 'ChargeTiming', description: 'which invoice a charge line goes on by default' });
registerEnumType(SearchResultKind, { name: 'SearchResultKind', description: 'what a search result is; the web names it with SEARCH_RESULT_KIND_LABEL' });
