import { Migration } from '@mikro-orm/migrations';

export class Migration20261122043622 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "outbox_email" ("id" uuid not null, "organization_id" uuid not null, "kind" text check ("kind" in ('MENTION', 'INVOICE')) not null, "to" text[] not null, "subject" varchar(300) not null, "text" text not null, "invoice_id" uuid null, "attempts" int not null default 0, "last_error" text null, "sent_at" timestamptz null, "message_id" varchar(300) null, "created_at" timestamptz not null, constraint "outbox_email_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_email_sent_at_index" on "outbox_email" ("sent_at");`);

    this.addSql(`alter table "outbox_email" add constraint "outbox_email_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "outbox_email" cascade;`);
  }

}
