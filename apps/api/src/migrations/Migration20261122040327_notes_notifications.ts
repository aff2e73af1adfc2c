import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040327 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "note" ("id" uuid not null, "organization_id" uuid not null, "project_id" uuid not null, "author_id" uuid not null, "body" text not null, "purchase_order_id" uuid null, "sales_order_id" uuid null, "invoice_id" uuid null, "pinned" boolean not null default false, "pinned_at" timestamptz null, "pinned_by_id" uuid null, "created_at" timestamptz not null, "edited_at" timestamptz null, constraint "note_pkey" primary key ("id"));`);
    this.addSql(`create index "note_purchase_order_id_index" on "note" ("purchase_order_id");`);
    this.addSql(`create index "note_sales_order_id_index" on "note" ("sales_order_id");`);
    this.addSql(`create index "note_invoice_id_index" on "note" ("invoice_id");`);
    this.addSql(`create index "note_project_id_pinned_created_at_index" on "note" ("project_id", "pinned", "created_at");`);

    this.addSql(`create table "notification" ("id" uuid not null, "organization_id" uuid not null, "recipient_id" uuid not null, "kind" text check ("kind" in ('MENTION', 'PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE', 'SALES_ORDER_SHIPPED', 'INVOICE_SENT')) not null, "message" varchar(1000) not null, "read_at" timestamptz null, "actor_id" uuid null, "project_id" uuid null, "note_id" uuid null, "sales_order_id" uuid null, "purchase_order_id" uuid null, "invoice_id" uuid null, "created_at" timestamptz not null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_recipient_id_read_at_index" on "notification" ("recipient_id", "read_at");`);
    this.addSql(`create index "notification_recipient_id_created_at_id_index" on "notification" ("recipient_id", "created_at", "id");`);

    this.addSql(`create table "note_mention" ("note_id" uuid not null, "user_id" uuid not null, constraint "note_mention_pkey" primary key ("note_id", "user_id"));`);

    this.addSql(`alter table "note" add constraint "note_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "note" add constraint "note_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "note" add constraint "note_author_id_foreign" foreign key ("author_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "note" add constraint "note_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "note" add constraint "note_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "note" add constraint "note_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "note" add constraint "note_pinned_by_id_foreign" foreign key ("pinned_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification" add constraint "notification_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_note_id_foreign" foreign key ("note_id") references "note" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "note_mention" add constraint "note_mention_note_id_foreign" foreign key ("note_id") references "note" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "note_mention" add constraint "note_mention_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint "notification_note_id_foreign";`);

    this.addSql(`alter table "note_mention" drop constraint "note_mention_note_id_foreign";`);

    this.addSql(`drop table if exists "note" cascade;`);

    this.addSql(`drop table if exists "notification" cascade;`);

    this.addSql(`drop table if exists "note_mention" cascade;`);
  }

}
