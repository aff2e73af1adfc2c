import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context.js';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';
import { ActivityEvent } from './activity-event.entity.js';
import { messageContext, messageInWords } from './message-context.js';

@Resolver(() => ActivityEvent)
export class ActivityEventResolver {
  /** Worded when read, so events stored before a wording change read right too (issue 16). */
  @FieldResolver(() => String, { description: 'e.g. "PO-1003 moved from Shipped to Ready for billing"' })
  async message(@Root() e: ActivityEvent, @Ctx() ctx: Context): Promise<string> {
    return messageInWords('activity', e, await ctx.loaders.get(messageContext)());
  }

  @FieldResolver(() => User, { nullable: true, description: 'null: an automatic rule did it' })
  actor(@Root() e: ActivityEvent): Promise<User | null> | null {
    return e.actor ? e.actor.loadOrFail() : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() e: ActivityEvent): Promise<Project | null> | null {
    return e.project ? e.project.loadOrFail() : null;
  }
}
