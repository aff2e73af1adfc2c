import { Migration } from '@mikro-orm/migrations';

/**
 * Follow-ups (DOMAIN.md, "Follow-ups"): dated tasks on a project, `due_notified_at` set once by the
 * due-date job; notifications may point at one and carry the two new kinds.
 */
export class Migration20261207150000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "follow_up" ("id" uuid not null, "organization_id" uuid not null, "project_id" uuid not null, "purchase_order_id" uuid null, "sales_order_id" uuid null, "invoice_id" uuid null, "assignee_id" uuid not null, "created_by_id" uuid not null, "body" text not null, "due_on" date not null, "done" boolean not null default false, "done_at" timestamptz null, "done_by_id" uuid null, "due_notified_at" timestamptz null, "created_at" timestamptz not null, constraint "follow_up_pkey" primary key ("id"));`);
    this.addSql(`create index "follow_up_purchase_order_id_index" on "follow_up" ("purchase_order_id");`);
    this.addSql(`create index "follow_up_sales_order_id_index" on "follow_up" ("sales_order_id");`);
    this.addSql(`create index "follow_up_invoice_id_index" on "follow_up" ("invoice_id");`);
    this.addSql(`create index "follow_up_due_pending_index" on "follow_up" ("due_on") where "done" = false and "due_notified_at" is null;`);
    this.addSql(`create index "follow_up_project_id_done_due_on_index" on "follow_up" ("project_id", "done", "due_on");`);
    this.addSql(`create index "follow_up_assignee_id_done_due_on_created_at_id_index" on "follow_up" ("assignee_id", "done", "due_on", "created_at", "id");`);

    this.addSql(`alter table "follow_up" add constraint "follow_up_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "follow_up" add constraint "follow_up_done_by_id_foreign" foreign key ("done_by_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" add column "follow_up_id" uuid null;`);
    this.addSql(`alter table "notification" add constraint "notification_follow_up_id_foreign" foreign key ("follow_up_id") references "follow_up" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('MENTION', 'PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE', 'SALES_ORDER_SHIPPED', 'INVOICE_SENT', 'FOLLOW_UP_ASSIGNED', 'FOLLOW_UP_DUE'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notification" drop constraint "notification_follow_up_id_foreign";`);

    this.addSql(`drop table if exists "follow_up" cascade;`);

    this.addSql(`alter table "notification" drop constraint if exists "notification_kind_check";`);

    this.addSql(`alter table "notification" drop column "follow_up_id";`);

    this.addSql(`alter table "notification" add constraint "notification_kind_check" check("kind" in ('MENTION', 'PURCHASE_ORDER_PROBLEM', 'READY_TO_INVOICE', 'SALES_ORDER_SHIPPED', 'INVOICE_SENT'));`);
  }

}
