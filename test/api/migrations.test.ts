// The committed migrations build exactly the schema the entities describe: nothing left for a
// new migration to generate (an entity changed without its migration fails here). Besides the
// entities' tables they create the figure views, which no entity describes: MikroORM's diff leaves
// views out, so they are checked by name here (their columns and figures: reports/figures-views.test.ts).
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ormConfig } from '../../apps/api/src/db/orm-config.js';
import { startTestApp, type TestApp } from '../support/api-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('migrations', () => {
  it('leave no difference between the database and the entities', async () => {
    const orm = await MikroORM.init(ormConfig({ url: app.databaseUrl, poolMax: 1 }));
    try {
      expect(await orm.getSchemaGenerator().getUpdateSchemaSQL()).toBe('');
    } finally {
      await orm.close();
    }
  });

  it('create the figure views and no other view', async () => {
    const views = await app.sql<{ name: string }>(`select table_name as name from information_schema.views where table_schema = 'public' order by 1`);
    expect(views.map((v) => v.name)).toEqual(['sales_order_figures', 'sales_order_line_figures']);
  });
});
