import { ActivityEvent } from '../modules/activity/activity-event.entity.js';
import { Client } from '../modules/client/client.entity.js';
import { InvoiceLine } from '../modules/invoice/invoice-line.entity.js';
import { Invoice } from '../modules/invoice/invoice.entity.js';
import { Payment } from '../modules/invoice/payment.entity.js';
import { Refund } from '../modules/invoice/refund.entity.js';
import { OutboxEmail } from '../modules/email/outbox-email.entity.js';
import { Note } from '../modules/note/note.entity.js';
import { Notification } from '../modules/notification/notification.entity.js';
import { NumberSeries } from '../modules/numbering/number-series.entity.js';
import { Organization } from '../common/organization.entity.js';
import { Product } from '../modules/product/product.entity.js';
import { StockMovement } from '../modules/product/stock-movement.entity.js';
import { Project } from '../modules/project/project.entity.js';
import { PurchaseOrderLine } from '../modules/purchase-order/purchase-order-line.entity.js';
import { PurchaseOrder } from '../modules/purchase-order/purchase-order.entity.js';
import { Receipt, ReceiptLine } from '../modules/purchase-order/receipt.entity.js';
import { SalesOrderLine } from '../modules/sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../modules/sales-order/sales-order.entity.js';
import { InvoicingQueueSeen } from '../modules/sales-order/invoicing-queue-seen.entity.js';
import { Session } from '../modules/session/session.entity.js';
import { SignInLimit } from '../modules/session/sign-in-limit.entity.js';
import { Supplier } from '../modules/supplier/supplier.entity.js';
import { User } from '../modules/user/user.entity.js';
import { FollowUp } from '../modules/follow-up/follow-up.entity.js';
import { InvoiceDayTotal } from '../reports/invoice-day-total.entity.js';

/** Every entity, listed explicitly (no folder discovery: it breaks between src and dist). */
export const ENTITIES = [
  Organization,
  User,
  Session,
  NumberSeries,
  Client,
  Supplier,
  Product,
  StockMovement,
  Project,
  SalesOrder,
  SalesOrderLine,
  InvoicingQueueSeen,
  PurchaseOrder,
  PurchaseOrderLine,
  Receipt,
  ReceiptLine,
  Invoice,
  InvoiceLine,
  Payment,
  Refund,
  ActivityEvent,
  Note,
  Notification,
  OutboxEmail,
  InvoiceDayTotal,
  SignInLimit,
  FollowUp,
];
