import { ChargeTiming, InvoiceKind, InvoiceStatus, LineKind, PurchaseOrderStage, PurchaseOrderStatus, Role, SalesOrderStatus } from '@baton/domain';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role' });
registerEnumType(SalesOrderStatus, { name: 'SalesOrderStatus' });
registerEnumType(PurchaseOrderStage, { name: 'PurchaseOrderStage' });
registerEnumType(PurchaseOrderStatus, { name: 'PurchaseOrderStatus', description: 'attention flag, independent of the stage' });
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus' });
registerEnumType(InvoiceKind, { name: 'InvoiceKind' });
registerEnumType(LineKind, { name: 'LineKind' });
registerEnumType(ChargeTiming, { name: 'ChargeTiming', description: 'which invoice a charge line goes on by default' });
