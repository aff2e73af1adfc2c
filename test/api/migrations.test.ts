// The committed migrations build exactly the schema the entities describe: nothing left for a
// new migration to generate (an entity changed without its migration fails here).
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
});
