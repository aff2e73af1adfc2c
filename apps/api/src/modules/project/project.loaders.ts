import { ReferenceKind, type Collection, type EntityClass } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { summariseStages } from '@baton/domain';
import type { Loaders } from '../../common/loaders.js';
import { must } from '../../common/must.js';
import { readRows } from '../../common/prepared.js';
import { treeRowOf, type RowIndex } from '../../common/rows.js';
import { page, pageSize } from '../../common/pagination.js';
import { ActivityEvent } from '../activity/activity-event.entity.js';
import { FollowUp } from '../follow-up/follow-up.entity.js';
import { followUpsOn } from '../follow-up/follow-up.loaders.js';
import { Client } from '../client/client.entity.js';
import { InvoiceLine } from '../invoice/invoice-line.entity.js';
import { Invoice } from '../invoice/invoice.entity.js';
import { Note } from '../note/note.entity.js';
import { Product } from '../product/product.entity.js';
import { STOCK_FIGURE_COLUMNS, stockFigures } from '../product/product.loaders.js';
import { PurchaseOrderLine } from '../purchase-order/purchase-order-line.entity.js';
import { PurchaseOrder } from '../purchase-order/purchase-order.entity.js';
import { SalesOrderLine } from '../sales-order/sales-order-line.entity.js';
import { SalesOrder } from '../sales-order/sales-order.entity.js';
import { freeStock, freeStockSql, NO_MONEY, onPurchaseOrders, onPurchaseOrdersSql, ORDER_MONEY_COLUMNS, orderMoney, orderMoneyOf, purchaseOrderSummaries } from '../sales-order/sales-order.loaders.js';
import { Supplier } from '../supplier/supplier.entity.js';
import { User } from '../user/user.entity.js';
import { Project } from './project.entity.js';
import { fieldNamesIn, type Selection } from './project.selection.js';

/** Notes and activity pages of prefetched projects: what is not a relation the ORM can hold for us. */
export class ProjectTreeCache {
  private readonly notes = new Map<string, Note[]>();
  /** Newest first, `limit` rows at most: enough for any first page of up to limit − 1 events. */
  private readonly activity = new Map<string, { rows: ActivityEvent[]; limit: number }>();

  /** pinned first (newest pin first), then newest first — the order of projectNotes. */
  notesOf(projectId: string, pinnedOnly: boolean): Note[] | undefined {
    const notes = this.notes.get(projectId);
    return notes && pinnedOnly ? notes.filter((n) => n.pinned) : notes;
  }

  /** The first page of a project's activity, when it was prefetched with room for it. */
  activityPage(projectId: string, size: number, after: string | null | undefined) {
    const fetched = this.activity.get(projectId);
    if (after != null || !fetched || size >= fetched.limit) return undefined;
    return page(fetched.rows.slice(0, size + 1), size, (e) => [e.at.toISOString(), e.id]);
  }

  setNotes(projectId: string, notes: Note[]): void {
    this.notes.set(projectId, notes);
  }

  setActivity(projectId: string, rows: ActivityEvent[], limit: number): void {
    this.activity.set(projectId, { rows, limit });
  }
}

/** The request's cache of prefetched notes and activity (ctx.loaders.get(projectTrees)). */
export function projectTrees(): ProjectTreeCache {
  return new ProjectTreeCache();
}

type Row = Record<string, unknown>;
type Tree = Record<string, Row[]>;

const columnLists = new Map<string, string>();

/** The entity's own columns (no lazy ones such as password hashes), as `alias."column"`. */
function columnsOf(em: EntityManager, entity: EntityClass<object>, alias: string): string {
  const key = `${entity.name}:${alias}`;
  let list = columnLists.get(key);
  if (!list) {
    const meta = em.getMetadata().get(entity.name);
    const owned = meta.props.filter(
      (p) => p.persist !== false && !p.lazy && (p.kind === ReferenceKind.SCALAR || p.kind === ReferenceKind.MANY_TO_ONE || (p.kind === ReferenceKind.ONE_TO_ONE && p.owner)),
    );
    list = owned.flatMap((p) => p.fieldNames).map((f) => `${alias}."${f}"`).join(', ');
    columnLists.set(key, list);
  }
  return list;
}

/** What the selection under a project asks, in terms of the tables the tree reads. */
function plan(selection: Selection) {
  const names = fieldNamesIn(selection);
  const any = (...fields: string[]) => fields.some((f) => names.has(f));
  const figures = any('totalCents', 'invoicedCents', 'subtotalCents', 'taxCents', 'remainingCents', 'readyToInvoiceCents', 'backordered', 'nextStatuses');
  const salesOrders = any('salesOrders', 'salesOrder', 'salesOrderLine');
  const purchaseOrders = any('purchaseOrders', 'purchaseOrder');
  const invoices = any('invoices', 'invoice');
  const notes = selection.has('notes');
  const followUps = any('followUps');
  const activityFirsts = (selection.get('activity')?.args ?? [])
    .filter((a) => a.after == null)
    .map((a) => (a.first == null ? 50 : a.first))
    .filter((n): n is number => Number.isInteger(n) && (n as number) >= 1);
  return {
    salesOrders,
    salesOrderLines: salesOrders && (figures || any('lines', 'salesOrderLine', 'product')),
    figures: salesOrders && figures,
    // An order's `can` reads its products' free stock and its drop-ship lines' units on POs.
    orderCan: salesOrders && !!selection.get('salesOrders')?.fields.has('can'),
    purchaseOrders,
    purchaseOrderLines: purchaseOrders && any('lines', 'nextStages', 'totalCents', 'product'),
    invoices,
    invoiceLines: invoices && any('lines'),
    notes,
    followUps,
    mentions: notes && any('mentions', 'bodyHtml'),
    activityLimit: activityFirsts.length ? Math.max(...activityFirsts.map((n) => pageSize(n))) + 1 : 0,
    products: any('product'),
    stock: any('committed', 'onOrder', 'available'),
    suppliers: any('supplier'),
    clients: any('client'),
    users: any('orderRep', 'productionRep', 'invoicingRep', 'actor', 'author', 'pinnedBy', 'mentions', 'bodyHtml', 'assignee', 'createdBy', 'doneBy'),
  };
}

/**
 * Reads the tree under some projects — orders, lines, purchase orders, invoices, notes, activity and
 * what they reference — in ONE statement (each table in a CTE keyed by the projects' ids, aggregated
 * as JSON), every table scoped to the viewer's organization, then seeds the request's identity map,
 * initialised collections and loaders, so the field resolvers below answer from memory. Only what
 * `selection` asks is read; anything it misses still resolves through the ORM's own batching.
 */
export async function prefetchProjectTrees(
  em: EntityManager,
  loaders: Loaders,
  organizationId: string,
  projectIds: string[],
  selection: Selection,
): Promise<Project[]> {
  if (!projectIds.length) return [];
  const want = plan(selection);
  const params: unknown[] = [];
  const ctes: string[] = [];
  const outputs: string[] = [];
  // Each CTE reads one table of the viewer's organization; `order` is the order of its rows in the tree.
  const part = (name: string, sql: string, bindings: readonly unknown[], order: string | null) => {
    ctes.push(`${name} as (${sql})`);
    params.push(...bindings);
    if (order) outputs.push(`'${name}', (select coalesce(json_agg(${name} order by ${order}), '[]'::json) from ${name})`);
  };
  const table = (entity: EntityClass<object>, tableName: string, where: string, bindings: unknown[] = []) =>
    [`select ${columnsOf(em, entity, 't')} from "${tableName}" t where t.organization_id = ? and (${where})`, [organizationId, ...bindings]] as const;
  const ids = (...sources: string[]) => sources.join(' union ');
  // `= any(array(select …))` rather than `in (select …)`: the planner cannot estimate a CTE's size and
  // chose sequential scans of invoice and invoice_line (21 s at a million invoices); an array is
  // planned as a parameter, so each level is an index scan (PLANS.md).
  const anyOf = (column: string, cte: string) => `${column} = any(array(select id from ${cte}))`;
  const created = 'created_at, id';

  part('x_project', ...table(Project, 'project', "t.id = any(string_to_array(?, ',')::uuid[])", [projectIds.join(',')]), created);
  if (want.salesOrders) part('x_sales_order', ...table(SalesOrder, 'sales_order', anyOf('t.project_id', 'x_project')), created);
  if (want.salesOrderLines) part('x_sales_order_line', ...table(SalesOrderLine, 'sales_order_line', anyOf('t.sales_order_id', 'x_sales_order')), 'position, id');
  if (want.figures) {
    part('x_money', `select ${ORDER_MONEY_COLUMNS} from sales_order_figures
      where ${anyOf('sales_order_id', 'x_sales_order')} and organization_id = ?`, [organizationId], 'id');
    part('x_po_stages', `select sales_order_id as id, array_agg(stage) as stages from purchase_order
      where ${anyOf('sales_order_id', 'x_sales_order')} and organization_id = ? group by sales_order_id`, [organizationId], 'id');
  }
  if (want.orderCan && want.salesOrderLines) {
    part('x_free', freeStockSql('(select product_id from x_sales_order_line)'), [organizationId], 'id');
    part('x_on_po', onPurchaseOrdersSql('(select id from x_sales_order_line)'), [organizationId], 'id');
  }
  const ofProjectOrOrders = `${anyOf('t.project_id', 'x_project')}${want.salesOrders ? ` or ${anyOf('t.sales_order_id', 'x_sales_order')}` : ''}`;
  if (want.purchaseOrders) part('x_purchase_order', ...table(PurchaseOrder, 'purchase_order', ofProjectOrOrders), created);
  if (want.purchaseOrderLines) part('x_purchase_order_line', ...table(PurchaseOrderLine, 'purchase_order_line', anyOf('t.purchase_order_id', 'x_purchase_order')), 'position, id');
  if (want.invoices) part('x_invoice', ...table(Invoice, 'invoice', ofProjectOrOrders), created);
  if (want.invoiceLines) part('x_invoice_line', ...table(InvoiceLine, 'invoice_line', anyOf('t.invoice_id', 'x_invoice')), 'position, id');
  if (want.notes) part('x_note', ...table(Note, 'note', anyOf('t.project_id', 'x_project')), 'pinned desc, pinned_at desc nulls last, created_at desc, id desc');
  // Every follow-up has its project (those on an order or a PO too), done ones included: the fields filter them.
  if (want.followUps) part('x_follow_up', ...table(FollowUp, 'follow_up', anyOf('t.project_id', 'x_project')), 'done, due_on, created_at, id');
  // The pivot has no organization of its own: its notes are the organization's (x_note), its users too (x_user).
  if (want.mentions) part('x_note_mention', `select note_id, user_id from note_mention where ${anyOf('note_id', 'x_note')}`, [], 'note_id, user_id');
  if (want.activityLimit)
    part('x_activity', `select a.* from x_project p, lateral (${table(ActivityEvent, 'activity_event', 't.project_id = p.id')[0]}
      order by t.at desc, t.id desc limit ?) a`, [organizationId, want.activityLimit], 'project_id, at desc, id desc');
  const productSources = [want.salesOrderLines && 'select product_id from x_sales_order_line', want.purchaseOrderLines && 'select product_id from x_purchase_order_line'].filter(Boolean) as string[];
  const products = want.products && productSources.length > 0;
  if (products) part('x_product', ...table(Product, 'product', `t.id in (${ids(...productSources)})`), 'id');
  if (products && want.stock) part('x_stock', `select p.id, ${STOCK_FIGURE_COLUMNS} from product p where p.id in (select id from x_product)`, [], 'id');
  if (want.suppliers) {
    const sources = [want.purchaseOrders && 'select supplier_id from x_purchase_order', products && 'select supplier_id from x_product'].filter(Boolean) as string[];
    if (sources.length) part('x_supplier', ...table(Supplier, 'supplier', `t.id in (${ids(...sources)})`), 'id');
  }
  if (want.clients) {
    const sources = ['select client_id from x_project', want.salesOrders && 'select client_id from x_sales_order', want.invoices && 'select client_id from x_invoice'];
    part('x_client', ...table(Client, 'client', `t.id in (${ids(...(sources.filter(Boolean) as string[]))})`), 'id');
  }
  if (want.users) {
    const sources = [
      'select order_rep_id from x_project',
      'select production_rep_id from x_project',
      'select invoicing_rep_id from x_project',
      want.purchaseOrders && 'select production_rep_id from x_purchase_order',
      want.activityLimit && 'select actor_id from x_activity',
      want.notes && 'select author_id from x_note',
      want.notes && 'select pinned_by_id from x_note',
      want.mentions && 'select user_id from x_note_mention',
      want.followUps && 'select assignee_id from x_follow_up',
      want.followUps && 'select created_by_id from x_follow_up',
      want.followUps && 'select done_by_id from x_follow_up',
    ];
    part('x_user', ...table(User, 'app_user', `t.id in (${ids(...(sources.filter(Boolean) as string[]))})`), 'id');
  }

  const sql = `with ${ctes.join(',\n')}\nselect json_build_object(${outputs.join(', ')}) as tree`;
  const [row] = await readRows<{ tree: Tree }>(em, sql, params);
  return seed(em, loaders, must(row, 'the tree row').tree, want);
}

/**
 * The tree's JSON rows as tree rows (common/rows.ts): plain objects shaped like their entities, no
 * entity built, no identity map, no merge (issue 13: building and merging ~300 entities was half of
 * an overview's time). Fills the collections the tree covers and primes the loaders, so the field
 * resolvers answer from memory; a relation or collection the tree did not read loads through the ORM.
 */
function seed(em: EntityManager, loaders: Loaders, tree: Tree, want: ReturnType<typeof plan>): Project[] {
  const index: RowIndex = new Map();
  const map = <T extends object>(entity: EntityClass<T>, key: string) => (tree[key] ?? []).map((r) => treeRowOf(em, entity, r, index) as T);
  const users = map(User, 'x_user');
  map(Client, 'x_client');
  map(Supplier, 'x_supplier');
  const products = map(Product, 'x_product');
  const projects = map(Project, 'x_project');
  const salesOrders = map(SalesOrder, 'x_sales_order');
  const salesOrderLines = map(SalesOrderLine, 'x_sales_order_line');
  const purchaseOrders = map(PurchaseOrder, 'x_purchase_order');
  const purchaseOrderLines = map(PurchaseOrderLine, 'x_purchase_order_line');
  const invoices = map(Invoice, 'x_invoice');
  const invoiceLines = map(InvoiceLine, 'x_invoice_line');
  const notes = map(Note, 'x_note');
  const activity = map(ActivityEvent, 'x_activity');
  const followUps = map(FollowUp, 'x_follow_up');

  const fill = <P extends object, C extends object>(owners: P[], children: C[], parentOf: (c: C) => string | undefined, collection: (p: P) => Collection<C>, idOf: (p: P) => string) => {
    const byParent = groupBy(children, parentOf);
    for (const owner of owners) collection(owner).hydrate(byParent.get(idOf(owner)) ?? []);
  };
  if (want.salesOrders) fill(projects, salesOrders, (so) => so.project.id, (p) => p.salesOrders, (p) => p.id);
  if (want.purchaseOrders) fill(projects, purchaseOrders, (po) => po.project?.id, (p) => p.purchaseOrders, (p) => p.id);
  if (want.invoices) fill(projects, invoices, (i) => i.project.id, (p) => p.invoices, (p) => p.id);
  if (want.salesOrderLines) fill(salesOrders, salesOrderLines, (l) => l.salesOrder.id, (so) => so.lines, (so) => so.id);
  if (want.purchaseOrders && want.salesOrders) fill(salesOrders, purchaseOrders, (po) => po.salesOrder?.id, (so) => so.purchaseOrders, (so) => so.id);
  if (want.invoices && want.salesOrders) fill(salesOrders, invoices, (i) => i.salesOrder.id, (so) => so.invoices, (so) => so.id);
  if (want.purchaseOrderLines) fill(purchaseOrders, purchaseOrderLines, (l) => l.purchaseOrder.id, (po) => po.lines, (po) => po.id);
  if (want.invoiceLines) fill(invoices, invoiceLines, (l) => l.invoice.id, (i) => i.lines, (i) => i.id);
  if (want.mentions) {
    const byId = new Map(users.map((u) => [u.id, u]));
    const byNote = groupBy(tree.x_note_mention ?? [], (m) => m.note_id as string);
    for (const note of notes) note.mentions.hydrate((byNote.get(note.id) ?? []).flatMap((m) => byId.get(m.user_id as string) ?? []));
  }
  if (want.notes) {
    const byProject = groupBy(notes, (n) => n.project.id);
    const trees = loaders.get(projectTrees);
    for (const p of projects) trees.setNotes(p.id, byProject.get(p.id) ?? []);
  }
  if (want.activityLimit) {
    const byProject = groupBy(activity, (e) => e.project?.id);
    const trees = loaders.get(projectTrees);
    for (const p of projects) trees.setActivity(p.id, byProject.get(p.id) ?? [], want.activityLimit);
  }
  if (want.followUps) {
    // In "My follow-ups" order already (the CTE's), as the loaders answer.
    const on = loaders.get(followUpsOn);
    const prime = (loader: (typeof on)['project'], owners: { id: string }[], keyOf: (f: FollowUp) => string | undefined) => {
      const byOwner = groupBy(followUps, keyOf);
      for (const o of owners) loader.prime(o.id, byOwner.get(o.id) ?? []);
    };
    prime(on.project, projects, (f) => f.project.id);
    prime(on.salesOrder, salesOrders, (f) => f.salesOrder?.id);
    prime(on.purchaseOrder, purchaseOrders, (f) => f.purchaseOrder?.id);
  }
  if (want.figures) {
    const money = new Map((tree.x_money ?? []).map((r) => [r.id as string, orderMoneyOf(r)]));
    const stages = new Map((tree.x_po_stages ?? []).map((r) => [r.id as string, r.stages as Parameters<typeof summariseStages>[0]]));
    const [totals, summaries] = [loaders.get(orderMoney), loaders.get(purchaseOrderSummaries)];
    for (const so of salesOrders) {
      totals.prime(so.id, money.get(so.id) ?? NO_MONEY);
      summaries.prime(so.id, summariseStages(stages.get(so.id) ?? []));
    }
  }
  if (tree.x_free && tree.x_on_po) {
    // Every product and line of the tree, 0 when the statement had no row for it (as the loaders answer).
    const free = new Map(tree.x_free.map((r) => [r.id as string, Number(r.free)]));
    const onPo = new Map(tree.x_on_po.map((r) => [r.id as string, Number(r.qty)]));
    const [freeLoader, onPoLoader] = [loaders.get(freeStock), loaders.get(onPurchaseOrders)];
    for (const l of salesOrderLines) {
      if (l.product) freeLoader.prime(l.product.id, free.get(l.product.id) ?? 0);
      onPoLoader.prime(l.id, onPo.get(l.id) ?? 0);
    }
  }
  if (tree.x_stock) {
    const stock = new Map(tree.x_stock.map((r) => [r.id as string, { committed: Number(r.committed), onOrder: Number(r.on_order) }]));
    const figures = loaders.get(stockFigures);
    for (const p of products) figures.prime(p.id, stock.get(p.id) ?? { committed: 0, onOrder: 0 });
  }
  return projects;
}

function groupBy<T>(items: T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
