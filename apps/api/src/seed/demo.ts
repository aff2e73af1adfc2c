import { Role } from '@baton/domain';
import type { MikroORM } from '@mikro-orm/postgresql';
import { TENANT_FILTER } from '../common/tenant.js';
import type { Logger } from '../logger.js';
import { Organization } from '../modules/organization/organization.entity.js';
import { hashPassword } from '../modules/session/session.service.js';
import { User } from '../modules/user/user.entity.js';

export const DEMO_PASSWORD = 'baton-demo';

export const DEMO_USERS: { name: string; email: string; handle: string; role: Role }[] = [
  { name: 'Ada Admin', email: 'admin@demo.test', handle: 'ada', role: Role.ADMIN },
  { name: 'Oscar Order', email: 'order@demo.test', handle: 'oscar', role: Role.ORDER_REP },
  { name: 'Priya Production', email: 'production@demo.test', handle: 'priya', role: Role.PRODUCTION_REP },
  { name: 'Ines Invoicing', email: 'invoicing@demo.test', handle: 'ines', role: Role.INVOICING_REP },
  { name: 'Alex Accountant', email: 'accountant@demo.test', handle: 'alex', role: Role.ACCOUNTANT },
  { name: 'Pat Purchasing', email: 'purchasing@demo.test', handle: 'pat', role: Role.PURCHASING },
];

/** On the first start of an empty database: a demo organization with one user per role. */
export async function seedDemoIfEmpty(orm: MikroORM, log: Logger): Promise<boolean> {
  const em = orm.em.fork();
  if ((await em.count(Organization, {})) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await em.transactional(async (tx) => {
    const organization = tx.create(Organization, { name: 'Demo Distributing Co.' });
    for (const u of DEMO_USERS) {
      tx.create(User, { organization, name: u.name, email: u.email, handle: u.handle, passwordHash, roles: [u.role] });
    }
  });
  log.info('seeded the demo organization');
  return true;
}

/** The demo sign-ins still present in the database, for the start-up banner. */
export async function demoLogins(orm: MikroORM): Promise<{ email: string; role: string }[]> {
  const users = await orm.em.fork().find(
    User,
    { email: { $in: DEMO_USERS.map((u) => u.email) } },
    { filters: { [TENANT_FILTER]: false }, orderBy: { createdAt: 'asc' } },
  );
  return users.map((u) => ({ email: u.email, role: u.roles.join(', ') }));
}
