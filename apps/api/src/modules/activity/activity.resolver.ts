import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Project } from '../project/project.entity.js';
import { User } from '../user/user.entity.js';
import { ActivityEvent } from './activity-event.entity.js';

@Resolver(() => ActivityEvent)
export class ActivityEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'null: an automatic rule did it' })
  actor(@Root() e: ActivityEvent): Promise<User | null> | null {
    return e.actor ? e.actor.loadOrFail() : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() e: ActivityEvent): Promise<Project | null> | null {
    return e.project ? e.project.loadOrFail() : null;
  }
}
