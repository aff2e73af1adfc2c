import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { badUserInput } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { newestFirstAfter, page } from '../../common/pagination.js';
import { PurchaseOrder } from './purchase-order.entity.js';
import type { ProductionReportFilter } from './purchase-order.inputs.js';

function id(value: string | null | undefined, name: string): string | undefined {
  if (value == null) return undefined;
  if (!isId(value)) throw badUserInput(`${name} is not a valid id.`);
  return value;
}

/** Purchase orders by stage, status, rep, supplier and client; newest first, keyset on (createdAt, id). */
export async function productionReport(em: EntityManager, filter: ProductionReportFilter | null | undefined, size: number, after: string | null | undefined) {
  const where: FilterQuery<PurchaseOrder> = {};
  if (filter?.stages?.length) where.stage = { $in: filter.stages };
  if (filter?.statuses?.length) where.status = { $in: filter.statuses };
  const rep = id(filter?.productionRepId, 'productionRepId');
  if (rep) where.productionRep = rep;
  const supplier = id(filter?.supplierId, 'supplierId');
  if (supplier) where.supplier = supplier;
  const client = id(filter?.clientId, 'clientId');
  if (client) where.project = { client };
  const afterCursor = newestFirstAfter(after, 'createdAt');
  const pageWhere: FilterQuery<PurchaseOrder> = afterCursor ? { $and: [where, afterCursor as FilterQuery<PurchaseOrder>] } : where;
  const [rows, totalCount] = await Promise.all([
    em.find(PurchaseOrder, pageWhere, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
    em.count(PurchaseOrder, where),
  ]);
  return { ...page(rows, size, (p) => [p.createdAt.toISOString(), p.id]), totalCount };
}
