import { Role } from '@baton/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from '../common/tenant.js';
import type { Logger } from '../logger.js';
import { Organization } from '../common/organization.entity.js';
import { hashPassword } from '../modules/session/session.service.js';
import { User } from '../modules/user/user.entity.js';
import type { Viewer } from '../common/viewer.js';
import { createClient } from '../modules/client/client.service.js';
import { adjustStock, createProduct } from '../modules/product/product.service.js';
import { createProject } from '../modules/project/project.service.js';
import { createPurchaseOrdersForSalesOrder, receivePurchaseOrder, setPurchaseOrderStage } from '../modules/purchase-order/purchase-order.service.js';
import { PurchaseOrderLine } from '../modules/purchase-order/purchase-order-line.entity.js';
import { announceQueueChanges } from '../modules/sales-order/invoicing-queue.js';
import { createSalesOrder } from '../modules/sales-order/sales-order.service.js';
import { createSupplier } from '../modules/supplier/supplier.service.js';

export const DEMO_PASSWORD = 'baton-demo';

export const DEMO_USERS: { name: string; email: string; handle: string; role: Role }[] = [
  { name: 'Ada Admin', email: 'admin@demo.test', handle: 'ada', role: Role.ADMIN },
  { name: 'Oscar Order', email: 'order@demo.test', handle: 'oscar', role: Role.ORDER_REP },
  { name: 'Priya Production', email: 'production@demo.test', handle: 'priya', role: Role.PRODUCTION_REP },
  { name: 'Ines Invoicing', email: 'invoicing@demo.test', handle: 'ines', role: Role.INVOICING_REP },
  { name: 'Alex Accountant', email: 'accountant@demo.test', handle: 'alex', role: Role.ACCOUNTANT },
  { name: 'Pat Purchasing', email: 'purchasing@demo.test', handle: 'pat', role: Role.PURCHASING },
];

/**
 * On the first start of an empty database: a demo organization with one user per role, a small
 * catalog (drop-ship and stocked products, one of them below its minimum), and a project with one
 * order for each workflow of DOMAIN.md, made through the same services the API uses.
 */
export async function seedDemoIfEmpty(orm: MikroORM, log: Logger): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(Organization, {})) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organization = em.create(Organization, {
    name: 'Demo Distributing Co.',
    address: { line1: '1200 Commerce Drive', line2: 'Suite 300', city: 'Columbus', region: 'OH', postalCode: '43215', country: 'United States' },
    remitTo: 'Demo Distributing Co.\nPO Box 4410\nColumbus, OH 43216\nACH: First Ohio Bank, routing 044000024, account 00071-2290',
    invoiceTerms: 'Finance charge of 1.5% per month on balances past due. Report damaged or missing goods within 10 days of delivery.',
  });
  const users = new Map<Role, User>();
  for (const u of DEMO_USERS) {
    users.set(u.role, em.create(User, { organization, name: u.name, email: u.email, handle: u.handle, passwordHash, roles: [u.role] }));
  }
  await em.flush();
  em.setFilterParams(TENANT_FILTER, { organizationId: organization.id });
  const as = (role: Role): Viewer => {
    const user = users.get(role)!;
    return { user, userId: user.id, organizationId: organization.id, roles: [role], sessionId: 'seed' };
  };
  await em.transactional(async (tx) => {
    const globex = await createClient(tx, {
      name: 'Globex Corporation',
      email: 'ap@globex.example',
      paymentTermsDays: 30,
      billingAddress: { line1: '742 Evergreen Terrace', line2: 'Accounts Payable', city: 'Springfield', region: 'IL', postalCode: '62704', country: 'United States' },
    });
    await createClient(tx, {
      name: 'Initech',
      email: 'billing@initech.example',
      paymentTermsDays: 45,
      billingAddress: { line1: '4120 Freidrich Lane', line2: null, city: 'Austin', region: 'TX', postalCode: '78744', country: 'United States' },
    });
    const mugsCo = await createSupplier(tx, { name: 'Mugs & Co', email: 'orders@mugs.example' });
    const widgetWorks = await createSupplier(tx, { name: 'Widget Works', email: 'sales@widgetworks.example' });
    await tx.flush();
    const mug = await createProduct(tx, { sku: 'MUG-11OZ', name: '11 oz ceramic mug, 1-colour print', inventoried: false, priceCents: 1250, costCents: 600, supplierId: mugsCo.id });
    const tee = await createProduct(tx, { sku: 'TEE-BLK-M', name: 'Black tee, medium, front print', inventoried: false, priceCents: 1800, costCents: 900, supplierId: mugsCo.id });
    const widget = await createProduct(tx, { sku: 'WID-100', name: 'Widget 100', inventoried: true, priceCents: 400, costCents: 180, supplierId: widgetWorks.id, minStock: 20, maxStock: 150 });
    const bolt = await createProduct(tx, { sku: 'BOLT-M8', name: 'M8 bolt, box of 50', inventoried: true, priceCents: 100, costCents: 30, supplierId: widgetWorks.id, minStock: 50, maxStock: 500 });
    await tx.flush();
    await adjustStock(tx, as(Role.PURCHASING), widget.id, 60, 'opening count');
    await adjustStock(tx, as(Role.PURCHASING), bolt.id, 30, 'opening count');
    const project = await createProject(tx, as(Role.ORDER_REP), {
      name: 'Spring promo',
      clientId: globex.id,
      orderRepId: users.get(Role.ORDER_REP)!.id,
      productionRepId: users.get(Role.PRODUCTION_REP)!.id,
      invoicingRepId: users.get(Role.INVOICING_REP)!.id,
    });
    await tx.flush();
    const promo = await createSalesOrder(tx, as(Role.ORDER_REP), { projectId: project.id, taxRateBasisPoints: 825, lines: [{ productId: mug.id, quantity: 500 }, { productId: tee.id, quantity: 200 }] });
    await tx.flush();
    // Workflow A, just before its step 1: the supplier confirmed the drop-ship PO and shipped the mugs;
    // the tees are late. The production rep's next move is to flag it and hand it to invoicing.
    const [po] = await createPurchaseOrdersForSalesOrder(tx, as(Role.PRODUCTION_REP), promo.id);
    await tx.flush();
    await setPurchaseOrderStage(tx, as(Role.PRODUCTION_REP), po!.id, 'CONFIRMED', null, null);
    await tx.flush();
    const poLines = await tx.find(PurchaseOrderLine, { purchaseOrder: po!.id });
    const mugLine = poLines.find((l) => l.product.id === mug.id)!;
    await receivePurchaseOrder(tx, as(Role.PRODUCTION_REP), { purchaseOrderId: po!.id, lines: [{ purchaseOrderLineId: mugLine.id, quantity: 500 }] });
    await createSalesOrder(tx, as(Role.ORDER_REP), { projectId: project.id, lines: [{ productId: widget.id, quantity: 100 }] });
    // The orders' place in the invoicing queue as seeded (invoicing_queue_seen), so the first real write
    // announces and notifies only what it changes. The seed writes no notifications: its hand-offs are dropped.
    await announceQueueChanges(tx, null);
  });
  log.info('seeded the demo organization');
  return true;
}

/** The demo sign-ins still present in the database, for the start-up banner. */
export async function demoLogins(orm: MikroORM): Promise<{ email: string; role: string }[]> {
  const users = await orm.em.fork().find(
    User,
    { email: { $in: DEMO_USERS.map((u) => u.email) } },
    { filters: { [TENANT_FILTER]: false }, orderBy: { createdAt: 'asc' } },
  );
  return users.map((u) => ({ email: u.email, role: u.roles.join(', ') }));
}
