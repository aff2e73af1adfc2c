import { SearchResultKind, type SearchTerms } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'a record found by the global search' })
export class SearchResult {
  @Field(() => SearchResultKind) kind!: SearchResultKind;
  @Field(() => ID, { description: 'the id of the record (its route in the web app follows from kind and id)' }) id!: string;
  @Field(() => String, { nullable: true, description: 'PRJ-1001, SO-1001, PO-1001, INV-1001, DEP-1001, CM-1001; null for a client' }) number!: string | null;
  @Field({ description: "the project's name (project, sales order, invoice), the supplier's (purchase order), the client's (client)" }) title!: string;
  @Field(() => String, { nullable: true, description: "the client's name; null for a client" }) subtitle!: string | null;
}

/** `like` pattern text: the query's own %, _ and \ match themselves. */
const escape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The records of one organization whose number starts with the query (or whose serial does, for a
 * query of digits: "1001" → SO-1001, INV-1001…) and the clients and projects whose name contains it,
 * best first: an exact number, then number prefixes (newest first), then names.
 *
 * One statement: each branch is limited on its own (so a branch with thousands of matches stops
 * early) and the union is ordered and limited once more. Every `lower(number)` / `lower(name)`
 * condition is served by a pg_trgm GIN index (Migration20261207200000); the plans are in
 * reports/PLANS.md, "Global search".
 */
export function searchSql(terms: SearchTerms, organizationId: string, limit: number): { sql: string; params: unknown[] } {
  const prefix = `${escape(terms.numberPrefix)}%`;
  const serial = terms.serialPrefix == null ? null : `%-${escape(terms.serialPrefix)}%`;
  const contains = `%${escape(terms.nameContains)}%`;
  const params: unknown[] = [];

  /** rank and match of a number column: 0 exact, 1 prefix, 2 serial prefix, 3 not by number. */
  const numberMatch = (column: string) => {
    params.push(terms.exact, prefix);
    if (serial != null) params.push(serial);
    return `case when lower(${column}) = ? then 0 when lower(${column}) like ? then 1${serial != null ? ` when lower(${column}) like ? then 2` : ''} else 3 end`;
  };
  const numberWhere = (column: string) => {
    params.push(prefix);
    if (serial != null) params.push(serial);
    return `(lower(${column}) like ?${serial != null ? ` or lower(${column}) like ?` : ''})`;
  };
  const nameWhere = (column: string) => {
    params.push(contains);
    return `lower(${column}) like ?`;
  };
  const branch = (select: string, from: string, where: () => string) => {
    // Parameters in text order: the select list's first, then the where clause's, org, limit.
    const sel = select;
    const cond = where();
    params.push(organizationId, limit);
    return `(select ${sel} from ${from} where ${cond} order by rank, len desc, number desc limit ?)`;
  };

  const branches = [
    branch(
      `'PROJECT' as kind, 0 as kind_order, p.id, p.number, p.name as title, c.name as subtitle, ${numberMatch('p.number')} as rank, length(p.number) as len`,
      'project p join client c on c.id = p.client_id',
      () => `(${numberWhere('p.number')} or ${nameWhere('p.name')}) and p.organization_id = ?`,
    ),
    branch(
      `'SALES_ORDER' as kind, 1 as kind_order, so.id, so.number, p.name as title, c.name as subtitle, ${numberMatch('so.number')} as rank, length(so.number) as len`,
      'sales_order so join project p on p.id = so.project_id join client c on c.id = so.client_id',
      () => `${numberWhere('so.number')} and so.organization_id = ?`,
    ),
    branch(
      `'PURCHASE_ORDER' as kind, 2 as kind_order, po.id, po.number, s.name as title, c.name as subtitle, ${numberMatch('po.number')} as rank, length(po.number) as len`,
      'purchase_order po join supplier s on s.id = po.supplier_id left join project p on p.id = po.project_id left join client c on c.id = p.client_id',
      () => `${numberWhere('po.number')} and po.organization_id = ?`,
    ),
    branch(
      `case i.kind when 'DEPOSIT' then 'DEPOSIT' when 'CREDIT_MEMO' then 'CREDIT_MEMO' else 'INVOICE' end as kind, 3 as kind_order, i.id, i.number, p.name as title, c.name as subtitle, ${numberMatch('i.number')} as rank, length(i.number) as len`,
      'invoice i join client c on c.id = i.client_id left join project p on p.id = i.project_id',
      () => `${numberWhere('i.number')} and i.organization_id = ?`,
    ),
    branch(
      `'CLIENT' as kind, 4 as kind_order, c.id, null as number, c.name as title, null as subtitle, 3 as rank, 0 as len`,
      'client c',
      () => `${nameWhere('c.name')} and c.organization_id = ?`,
    ),
  ];
  params.push(limit);
  return {
    sql: `select kind, id, number, title, subtitle from (${branches.join(' union all ')}) r order by rank, kind_order, len desc, number desc, title limit ?`,
    params,
  };
}

export async function search(em: EntityManager, organizationId: string, terms: SearchTerms, limit: number): Promise<SearchResult[]> {
  const { sql, params } = searchSql(terms, organizationId, limit);
  const rows = await em.getConnection().execute<{ kind: SearchResultKind; id: string; number: string | null; title: string; subtitle: string | null }[]>(sql, params);
  return rows.map((r) => ({ kind: r.kind, id: String(r.id), number: r.number, title: r.title, subtitle: r.subtitle }));
}
