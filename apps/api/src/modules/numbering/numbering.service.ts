import { FIRST_NUMBER, formatNumber, type NumberSeries } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { must } from '../../common/must.js';

/**
 * The next number of a series, e.g. "INV-1042". The upsert takes a row lock that is held until
 * the transaction ends, so concurrent creations queue and never share a number; a rolled-back
 * transaction gives its number back, so the series has no duplicates (a committed number is never
 * reused).
 */
export async function nextNumber(em: EntityManager, organizationId: string, series: NumberSeries): Promise<string> {
  const [row] = await em.getConnection().execute<{ last: number }[]>(
    `insert into number_series (organization_id, series, last) values (?, ?, ?)
     on conflict (organization_id, series) do update set last = number_series.last + 1
     returning last`,
    [organizationId, series, FIRST_NUMBER],
    'all',
    em.getTransactionContext(),
  );
  return formatNumber(series, Number(must(row, 'the upserted number_series row').last));
}
