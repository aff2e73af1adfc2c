// Every record is scoped to the viewer's organization by construction (the ORM's tenant filter and
// TenantGuard), not by a `where` in each resolver. These tests go through GraphQL and through the
// mechanism itself.
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../apps/api/src/db/orm-config.js';
import { TENANT_FILTER } from '../../apps/api/src/common/tenant.js';
import { User } from '../../apps/api/src/modules/user/user.entity.js';
import { Session } from '../../apps/api/src/modules/session/session.entity.js';
import { signUpOrg, startTestApp, userWithRoles, type TestApp } from '../support/api-app.js';

let app: TestApp;
let a: Awaited<ReturnType<typeof signUpOrg>>;
let b: Awaited<ReturnType<typeof signUpOrg>>;
let aRep: Awaited<ReturnType<typeof userWithRoles>>;

beforeAll(async () => {
  app = await startTestApp();
  a = await signUpOrg(app, 'Org A');
  b = await signUpOrg(app, 'Org B');
  aRep = await userWithRoles(app, a.token, ['ORDER_REP'], 'Alice A-Rep');
  await userWithRoles(app, b.token, ['ORDER_REP'], 'Bob B-Rep');
});
afterAll(() => app?.stop());

describe('through GraphQL', () => {
  it('shows each organization only its own users, whatever the role filter', async () => {
    for (const [viewer, own] of [[a, a.organizationId], [b, b.organizationId]] as const) {
      const all = await app.gql('{ users { id } organization { id } }', {}, { token: viewer.token });
      expect(all.data.organization.id).toBe(own);
      const ids: string[] = all.data.users.map((u: { id: string }) => u.id);
      const owners = await app.sql<{ organization_id: string }>('select distinct organization_id from app_user where id = any($1::uuid[])', [ids]);
      expect(owners).toEqual([{ organization_id: own }]);
      for (const role of ['ADMIN', 'ORDER_REP']) {
        const filtered = await app.gql('query($r: Role) { users(role: $r) { id } }', { r: role }, { token: viewer.token });
        expect(filtered.data.users.every((u: { id: string }) => ids.includes(u.id))).toBe(true);
        expect(filtered.data.users).toHaveLength(1);
      }
    }
  });

  it('never shows B’s viewer A’s user ids, even as me', async () => {
    const me = await app.gql('{ me { id } }', {}, { token: b.token });
    expect(me.data.me.id).toBe(b.userId);
    const users = await app.gql('{ users { id } }', {}, { token: b.token });
    expect(users.data.users.map((u: { id: string }) => u.id)).not.toContain(aRep.userId);
  });
});

describe('the mechanism', () => {
  let orm: MikroORM;
  beforeAll(async () => {
    orm = await MikroORM.init(ormConfig({ url: app.databaseUrl, poolMax: 2 }));
  });
  afterAll(() => orm?.close());

  const emFor = (organizationId: string) => {
    const em = orm.em.fork();
    em.setFilterParams(TENANT_FILTER, { organizationId });
    return em;
  };

  it('reads another organization’s record by id as if it did not exist', async () => {
    expect(await emFor(b.organizationId).findOne(User, aRep.userId)).toBeNull();
    expect(await emFor(a.organizationId).findOne(User, aRep.userId)).not.toBeNull();
    expect(await emFor(b.organizationId).count(Session, { user: aRep.userId })).toBe(0);
  });

  it('refuses to read at all when no organization was set (a forgotten scope fails loudly)', async () => {
    await expect(orm.em.fork().find(User, {})).rejects.toThrow(/No arguments provided for filter 'tenant'/);
  });

  it('fills the organization of a new record from the viewer, and refuses another organization’s', async () => {
    const em = emFor(b.organizationId);
    const u = em.create(User, { name: 'Made By B', email: `b.${Date.now()}@example.com`, handle: `made-${Date.now()}`, passwordHash: 'x', roles: ['ORDER_REP'] });
    await em.flush();
    expect(u.organization.id).toBe(b.organizationId);

    const em2 = emFor(b.organizationId);
    em2.create(User, { organization: a.organizationId, name: 'Sneaky', email: `s.${Date.now()}@example.com`, handle: `sneaky-${Date.now()}`, passwordHash: 'x', roles: ['ADMIN'] });
    await expect(em2.flush()).rejects.toThrow(/another organization/);
    expect(await app.sql(`select 1 from app_user where name = 'Sneaky'`)).toEqual([]);
  });
});
