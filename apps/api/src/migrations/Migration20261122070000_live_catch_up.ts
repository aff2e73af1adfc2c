import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the live listener's catch-up (modules/notification/live.ts): after its connection
 * drops it reads the notifications and activity written since shortly before. Both tables are
 * appended in time order, so a BRIN index (a few pages, next to no write cost) serves that range.
 */
export class Migration20261122070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "notification_created_at_brin" on "notification" using brin ("created_at");`);
    this.addSql(`create index "activity_event_at_brin" on "activity_event" using brin ("at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notification_created_at_brin";`);
    this.addSql(`drop index "activity_event_at_brin";`);
  }
}
