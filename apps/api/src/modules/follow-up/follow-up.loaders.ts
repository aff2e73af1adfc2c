import DataLoader from 'dataloader';
import type { FilterQuery } from '@mikro-orm/core';
import type { LoaderScope } from '../../common/loaders.js';
import { FollowUp } from './follow-up.entity.js';
import { FOLLOW_UP_ORDER } from './follow-up.service.js';

type On = 'project' | 'salesOrder' | 'purchaseOrder';

/**
 * The follow-ups of each project, sales order or purchase order in a list: one query per batch and
 * per record kind (done ones included; the field filters them), in "My follow-ups" order.
 */
export function followUpsOn({ em }: LoaderScope) {
  const loader = (on: On) =>
    new DataLoader<string, FollowUp[]>(async (ids) => {
      const rows = await em.find(FollowUp, { [on]: { $in: [...ids] } } as FilterQuery<FollowUp>, { orderBy: [...FOLLOW_UP_ORDER] });
      const byId = new Map<string, FollowUp[]>();
      for (const f of rows) {
        const key = f[on]?.id;
        if (key) byId.set(key, [...(byId.get(key) ?? []), f]);
      }
      return ids.map((id) => byId.get(id) ?? []);
    });
  return { project: loader('project'), salesOrder: loader('salesOrder'), purchaseOrder: loader('purchaseOrder') };
}
