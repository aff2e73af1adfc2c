import DataLoader from 'dataloader';
import type { LoaderScope } from '../../common/loaders.js';
import { Invoice } from './invoice.entity.js';

/** The credit memos taken on each standard invoice, oldest first: one query per batch of invoices. */
export function creditMemosOf({ em }: LoaderScope) {
  return new DataLoader<string, Invoice[]>(async (ids) => {
    // The EntityManager is the request's, filtered to the viewer's organization.
    const memos = await em.find(Invoice, { kind: 'CREDIT_MEMO', creditedInvoice: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const byInvoice = new Map<string, Invoice[]>();
    for (const m of memos) {
      const of = m.creditedInvoice?.id;
      if (!of) continue;
      byInvoice.set(of, [...(byInvoice.get(of) ?? []), m]);
    }
    return ids.map((id) => byInvoice.get(id) ?? []);
  });
}
