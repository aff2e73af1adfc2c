import { Migration } from '@mikro-orm/migrations';

/** When each session last wrote, so its reads stay on the primary for READ_YOUR_WRITES_MS after (db/replicas.ts). */
export class Migration20261207160000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "session" add column "wrote_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "session" drop column "wrote_at";`);
  }
}
