import { Migration } from '@mikro-orm/migrations';

export class Migration20261122031856 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "organization" ("id" uuid not null, "name" varchar(100) not null, "currency" varchar(3) not null default 'USD', "created_at" timestamptz not null, constraint "organization_pkey" primary key ("id"));`);

    this.addSql(`create table "app_user" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "email" varchar(254) not null, "handle" varchar(32) not null, "password_hash" text not null, "roles" text[] not null, "active" boolean not null default true, "email_on_mention" boolean not null default true, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
    this.addSql(`create index "app_user_created_at_index" on "app_user" ("created_at");`);
    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_handle_unique" unique ("organization_id", "handle");`);

    this.addSql(`create table "session" ("id" uuid not null, "organization_id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "session_pkey" primary key ("id"));`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "app_user" add constraint "app_user_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "session" add constraint "session_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

}
