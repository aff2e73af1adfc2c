import { activityEvent, NO_AMOUNTS, checkName, notFound, NumberSeries, type UserError } from '@baton/domain';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { badUserInput, fail } from '../../common/errors.js';
import { isId } from '../../common/ids.js';
import { findById, findManyById } from '../../common/lookup.js';
import { likePattern, newestFirstAfter, page } from '../../common/pagination.js';
import { ActivityEvent } from '../activity/activity-event.entity.js';
import { recordActivity } from '../activity/activity.service.js';
import { Client } from '../client/client.entity.js';
import { nextNumber } from '../numbering/numbering.service.js';
import { User } from '../user/user.entity.js';
import { Project } from './project.entity.js';

export interface NewProject {
  name: string;
  clientId: string;
  orderRepId: string;
  productionRepId?: string | null;
  invoicingRepId?: string | null;
}

export async function createProject(em: EntityManager, viewer: Viewer, input: NewProject): Promise<Project> {
  const client = await findById(em, Client, input.clientId);
  const fields = ['orderRepId', 'productionRepId', 'invoicingRepId'] as const;
  const users = await findManyById(em, User, fields.map((field) => input[field] ?? null));
  const reps = fields.map((field, i) => (input[field] == null ? { field, user: null, ok: true } : { field, user: users[i], ok: !!users[i]?.active }));
  const missing: UserError[] = [...(client ? [] : [notFound('client', ['clientId'])]), ...reps.filter((r) => !r.ok).map((r) => notFound('active user', [r.field]))];
  if (missing.length) fail(...missing);
  const errors = checkName(input.name, 'name', 'Project name');
  if (errors.length) fail(...errors);
  const [orderRep, productionRep, invoicingRep] = reps.map((r) => r.user);
  const project = em.create(Project, {
    number: await nextNumber(em, viewer.organizationId, NumberSeries.PROJECT),
    name: input.name.trim(),
    client: client!,
    orderRep: orderRep!,
    productionRep,
    invoicingRep,
  });
  recordActivity(em, { ...activityEvent('project.created', { project: project.number, name: project.name, client: client!.name }, NO_AMOUNTS), projectId: project.id, entityId: project.id, actorId: viewer.userId });
  return project;
}

export interface ProjectFilter {
  search?: string | null;
  clientId?: string | null;
  repId?: string | null;
}

function filterId(value: string | null | undefined, name: string): string | undefined {
  if (value == null) return undefined;
  if (!isId(value)) throw badUserInput(`${name} is not a valid id.`);
  return value;
}

/** Projects newest first, keyset-paginated on (createdAt, id). */
export async function listProjects(em: EntityManager, filter: ProjectFilter | null | undefined, size: number, after: string | null | undefined) {
  const conditions: FilterQuery<Project>[] = [];
  const search = filter?.search?.trim();
  if (search) {
    const like = likePattern(search);
    conditions.push({ $or: [{ number: { $ilike: like } }, { name: { $ilike: like } }, { client: { name: { $ilike: like } } }] });
  }
  const clientId = filterId(filter?.clientId, 'clientId');
  if (clientId) conditions.push({ client: clientId });
  const repId = filterId(filter?.repId, 'repId');
  if (repId) conditions.push({ $or: [{ orderRep: repId }, { productionRep: repId }, { invoicingRep: repId }] });
  const where: FilterQuery<Project> = conditions.length ? { $and: conditions } : {};
  const afterCursor = newestFirstAfter(after, 'createdAt');
  const pageWhere: FilterQuery<Project> = afterCursor ? { $and: [where, afterCursor as FilterQuery<Project>] } : where;
  const [rows, totalCount] = await Promise.all([
    em.find(Project, pageWhere, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: size + 1 }),
    em.count(Project, where),
  ]);
  return { ...page(rows, size, (p) => [p.createdAt.toISOString(), p.id]), totalCount };
}

/** A project's activity, newest first, keyset-paginated on (at, id). */
export async function projectActivity(em: EntityManager, project: Project, size: number, after: string | null | undefined) {
  const afterCursor = newestFirstAfter(after, 'at');
  const where: FilterQuery<ActivityEvent> = afterCursor ? { $and: [{ project: project.id }, afterCursor as FilterQuery<ActivityEvent>] } : { project: project.id };
  const rows = await em.find(ActivityEvent, where, { orderBy: { at: 'desc', id: 'desc' }, limit: size + 1 });
  return page(rows, size, (e) => [e.at.toISOString(), e.id]);
}

