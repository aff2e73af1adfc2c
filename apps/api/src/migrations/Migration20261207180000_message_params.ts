import { Migration } from '@mikro-orm/migrations';

/**
 * Activity events and notifications keep the parameters their message is worded from (issue 16):
 * the API words them when read (@baton/domain's describeActivity / describeNotification), in the
 * organization's currency and the screens' date format. Rows stored before have no parameters and
 * keep being read through inUsersWords(storedText); their texts are not parsed back.
 */
export class Migration20261207180000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "activity_event" add column "params" jsonb null;`);
    this.addSql(`alter table "notification" add column "params" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "activity_event" drop column "params";`);
    this.addSql(`alter table "notification" drop column "params";`);
  }
}
