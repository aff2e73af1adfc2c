// Used only by `pnpm --filter @baton/api migration:create` (MikroORM CLI) against DATABASE_URL.
import 'reflect-metadata';
import { ormConfig } from './orm-config.js';

export default ormConfig({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/baton_migrations' });
