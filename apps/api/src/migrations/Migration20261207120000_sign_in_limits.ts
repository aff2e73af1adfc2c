import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in limits shared by every instance (session/sign-in-limiter.ts), and e-mail addresses unique
 * per organization instead of across Baton: a sign-up or a new user with an address used in another
 * organization is no longer refused, so neither tells whether it exists there.
 */
export class Migration20261207120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "sign_in_limit" ("key" text not null, "attempts" int not null, "window_ends_at" timestamptz not null, "last_attempt_at" timestamptz not null, constraint "sign_in_limit_pkey" primary key ("key"));`);
    this.addSql(`create index "sign_in_limit_window_ends_at_index" on "sign_in_limit" ("window_ends_at");`);
    this.addSql(`alter table "app_user" drop constraint "app_user_email_unique";`);
    this.addSql(`create index "app_user_email_index" on "app_user" ("email");`);
    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_email_unique" unique ("organization_id", "email");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "sign_in_limit";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_organization_id_email_unique";`);
    this.addSql(`drop index "app_user_email_index";`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
  }
}
