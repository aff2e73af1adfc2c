import { searchLimit, searchTerms } from '@baton/domain';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { viewerOf } from '../../common/viewer.js';
import { search, SearchResult } from './search.js';

/** The global search (⌘K in the web app): everyone signed in reads every record of their organization. */
@Resolver()
export class SearchResolver {
  @Query(() => [SearchResult], {
    description: 'projects, sales orders, purchase orders, invoices, deposits and credit memos by number (prefix, or the serial for digits: "1001"); clients and projects by name (contains); case-insensitive; at most 25; fewer than 2 characters find nothing',
  })
  async search(@Ctx() ctx: Context, @Arg('query') query: string, @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number): Promise<SearchResult[]> {
    const terms = searchTerms(query);
    if (!terms) return [];
    return search(ctx.em, viewerOf(ctx).organizationId, terms, searchLimit(first));
  }
}
