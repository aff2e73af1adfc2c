import { Migration } from '@mikro-orm/migrations';

/**
 * A version on every document people edit that had none (clients, suppliers, users, notes), so an
 * edit naming a stale `expectedVersion` answers CONFLICT instead of overwriting a concurrent one.
 * Existing rows start at 1, as new ones do.
 */
export class Migration20261207130000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ['client', 'supplier', 'app_user', 'note']) this.addSql(`alter table "${table}" add column "version" int not null default 1;`);
  }

  override async down(): Promise<void> {
    for (const table of ['client', 'supplier', 'app_user', 'note']) this.addSql(`alter table "${table}" drop column "version";`);
  }
}
