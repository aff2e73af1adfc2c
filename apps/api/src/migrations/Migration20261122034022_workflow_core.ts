import { Migration } from '@mikro-orm/migrations';

export class Migration20261122034022 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "number_series" ("organization_id" uuid not null, "series" varchar(8) not null, "last" int not null, constraint "number_series_pkey" primary key ("organization_id", "series"));`);

    this.addSql(`create table "client" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "email" varchar(254) null, "payment_terms_days" int not null default 30, "created_at" timestamptz not null, constraint "client_pkey" primary key ("id"));`);

    this.addSql(`create table "supplier" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(200) not null, "email" varchar(254) null, "created_at" timestamptz not null, constraint "supplier_pkey" primary key ("id"));`);

    this.addSql(`create table "product" ("id" uuid not null, "organization_id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "inventoried" boolean not null, "price_cents" bigint not null, "cost_cents" bigint not null, "supplier_id" uuid null, "on_hand" int not null default 0, "min_stock" int not null default 0, "max_stock" int not null default 0, "version" int not null default 1, "created_at" timestamptz not null, constraint "product_pkey" primary key ("id"), constraint product_on_hand_check check (on_hand >= 0));`);
    this.addSql(`create index "product_supplier_id_index" on "product" ("supplier_id");`);
    this.addSql(`create index "product_created_at_index" on "product" ("created_at");`);
    this.addSql(`alter table "product" add constraint "product_organization_id_sku_unique" unique ("organization_id", "sku");`);

    this.addSql(`create table "stock_movement" ("id" uuid not null, "organization_id" uuid not null, "product_id" uuid not null, "quantity" int not null, "kind" text check ("kind" in ('ADJUSTMENT', 'RECEIPT', 'RELEASE', 'RETURN')) not null, "reason" varchar(500) null, "document_id" uuid null, "actor_id" uuid null, "created_at" timestamptz not null, constraint "stock_movement_pkey" primary key ("id"));`);
    this.addSql(`create index "stock_movement_product_id_index" on "stock_movement" ("product_id");`);

    this.addSql(`create table "project" ("id" uuid not null, "organization_id" uuid not null, "number" varchar(20) not null, "name" varchar(200) not null, "client_id" uuid not null, "order_rep_id" uuid not null, "production_rep_id" uuid null, "invoicing_rep_id" uuid null, "created_at" timestamptz not null, constraint "project_pkey" primary key ("id"));`);
    this.addSql(`create index "project_client_id_index" on "project" ("client_id");`);
    this.addSql(`create index "project_order_rep_id_index" on "project" ("order_rep_id");`);
    this.addSql(`create index "project_production_rep_id_index" on "project" ("production_rep_id");`);
    this.addSql(`create index "project_invoicing_rep_id_index" on "project" ("invoicing_rep_id");`);
    this.addSql(`create index "project_created_at_index" on "project" ("created_at");`);
    this.addSql(`alter table "project" add constraint "project_organization_id_number_unique" unique ("organization_id", "number");`);

    this.addSql(`create table "sales_order" ("id" uuid not null, "organization_id" uuid not null, "number" varchar(20) not null, "project_id" uuid not null, "client_id" uuid not null, "status" text check ("status" in ('OPEN', 'CLIENT_APPROVED', 'IN_PRODUCTION', 'SHIPPED', 'SCHEDULED', 'READY_TO_BE_INVOICED', 'BACKORDERED', 'INVOICED', 'CANCELLED')) not null default 'OPEN', "locked" boolean not null default false, "order_date" date not null, "in_hands_date" date null, "tax_rate_basis_points" int not null default 0, "version" int not null default 1, "created_at" timestamptz not null, constraint "sales_order_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_order_project_id_index" on "sales_order" ("project_id");`);
    this.addSql(`create index "sales_order_client_id_index" on "sales_order" ("client_id");`);
    this.addSql(`create index "sales_order_organization_id_status_created_at_index" on "sales_order" ("organization_id", "status", "created_at");`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_organization_id_number_unique" unique ("organization_id", "number");`);

    this.addSql(`create table "sales_order_line" ("id" uuid not null, "organization_id" uuid not null, "sales_order_id" uuid not null, "position" int not null, "product_id" uuid null, "inventoried" boolean not null, "description" varchar(500) not null, "quantity" int not null, "unit_price_cents" bigint not null, "cancelled" int not null default 0, "invoiced" int not null default 0, "scheduled" int not null default 0, "received" int not null default 0, constraint "sales_order_line_pkey" primary key ("id"), constraint sales_order_line_quantities_check check (quantity > 0 and cancelled >= 0 and invoiced >= 0 and scheduled >= 0 and received >= 0 and cancelled + invoiced + scheduled <= quantity));`);
    this.addSql(`create index "sales_order_line_sales_order_id_index" on "sales_order_line" ("sales_order_id");`);
    this.addSql(`create index "sales_order_line_product_id_index" on "sales_order_line" ("product_id");`);

    this.addSql(`create table "purchase_order" ("id" uuid not null, "organization_id" uuid not null, "number" varchar(20) not null, "project_id" uuid null, "sales_order_id" uuid null, "supplier_id" uuid not null, "production_rep_id" uuid null, "stage" text check ("stage" in ('CREATED', 'SUBMITTED', 'CONFIRMED', 'SHIPPED', 'READY_FOR_BILLING', 'BILLED', 'CLOSED', 'CANCELLED')) not null default 'CREATED', "status" text check ("status" in ('OK', 'PROBLEM', 'FOLLOW_UP')) not null default 'OK', "in_hands_date" date null, "ship_date" date null, "tracking_number" varchar(100) null, "version" int not null default 1, "created_at" timestamptz not null, constraint "purchase_order_pkey" primary key ("id"));`);
    this.addSql(`create index "purchase_order_project_id_index" on "purchase_order" ("project_id");`);
    this.addSql(`create index "purchase_order_sales_order_id_index" on "purchase_order" ("sales_order_id");`);
    this.addSql(`create index "purchase_order_supplier_id_index" on "purchase_order" ("supplier_id");`);
    this.addSql(`create index "purchase_order_production_rep_id_index" on "purchase_order" ("production_rep_id");`);
    this.addSql(`create index "purchase_order_organization_id_stage_status_index" on "purchase_order" ("organization_id", "stage", "status");`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_organization_id_number_unique" unique ("organization_id", "number");`);

    this.addSql(`create table "receipt" ("id" uuid not null, "organization_id" uuid not null, "purchase_order_id" uuid not null, "ship_date" date not null, "tracking_number" varchar(100) null, "actor_id" uuid null, "created_at" timestamptz not null, constraint "receipt_pkey" primary key ("id"));`);
    this.addSql(`create index "receipt_purchase_order_id_index" on "receipt" ("purchase_order_id");`);

    this.addSql(`create table "purchase_order_line" ("id" uuid not null, "organization_id" uuid not null, "purchase_order_id" uuid not null, "position" int not null, "product_id" uuid not null, "sales_order_line_id" uuid null, "description" varchar(500) not null, "quantity" int not null, "unit_cost_cents" bigint not null, "received" int not null default 0, constraint "purchase_order_line_pkey" primary key ("id"), constraint purchase_order_line_received_check check (quantity > 0 and received >= 0 and received <= quantity));`);
    this.addSql(`create index "purchase_order_line_purchase_order_id_index" on "purchase_order_line" ("purchase_order_id");`);
    this.addSql(`create index "purchase_order_line_product_id_index" on "purchase_order_line" ("product_id");`);
    this.addSql(`create index "purchase_order_line_sales_order_line_id_index" on "purchase_order_line" ("sales_order_line_id");`);

    this.addSql(`create table "receipt_line" ("id" uuid not null, "organization_id" uuid not null, "receipt_id" uuid not null, "purchase_order_line_id" uuid not null, "quantity" int not null, constraint "receipt_line_pkey" primary key ("id"));`);
    this.addSql(`create index "receipt_line_receipt_id_index" on "receipt_line" ("receipt_id");`);
    this.addSql(`create index "receipt_line_purchase_order_line_id_index" on "receipt_line" ("purchase_order_line_id");`);

    this.addSql(`create table "invoice" ("id" uuid not null, "organization_id" uuid not null, "number" varchar(20) not null, "sales_order_id" uuid not null, "project_id" uuid not null, "client_id" uuid not null, "status" text check ("status" in ('OPEN', 'SENT_TO_CLIENT', 'EXPORTED', 'PAID', 'VOID')) not null default 'OPEN', "invoice_date" date not null, "due_date" date not null, "subtotal_cents" bigint not null, "tax_cents" bigint not null, "total_cents" bigint not null, "paid_cents" bigint not null default 0, "sent_at" timestamptz null, "sent_to" text[] not null, "void_reason" varchar(500) null, "version" int not null default 1, "created_at" timestamptz not null, constraint "invoice_pkey" primary key ("id"), constraint invoice_amounts_check check (paid_cents >= 0 and paid_cents <= total_cents and total_cents = subtotal_cents + tax_cents));`);
    this.addSql(`create index "invoice_sales_order_id_index" on "invoice" ("sales_order_id");`);
    this.addSql(`create index "invoice_project_id_index" on "invoice" ("project_id");`);
    this.addSql(`create index "invoice_client_id_index" on "invoice" ("client_id");`);
    this.addSql(`create index "invoice_organization_id_invoice_date_number_index" on "invoice" ("organization_id", "invoice_date", "number");`);
    this.addSql(`alter table "invoice" add constraint "invoice_organization_id_number_unique" unique ("organization_id", "number");`);

    this.addSql(`create table "invoice_line" ("id" uuid not null, "organization_id" uuid not null, "invoice_id" uuid not null, "position" int not null, "sales_order_line_id" uuid not null, "description" varchar(500) not null, "quantity" int not null, "unit_price_cents" bigint not null, "total_cents" bigint not null, constraint "invoice_line_pkey" primary key ("id"));`);
    this.addSql(`create index "invoice_line_invoice_id_index" on "invoice_line" ("invoice_id");`);
    this.addSql(`create index "invoice_line_sales_order_line_id_index" on "invoice_line" ("sales_order_line_id");`);

    this.addSql(`create table "payment" ("id" uuid not null, "organization_id" uuid not null, "invoice_id" uuid not null, "amount_cents" bigint not null, "received_on" date not null, "reference" varchar(200) null, "actor_id" uuid null, "created_at" timestamptz not null, constraint "payment_pkey" primary key ("id"));`);
    this.addSql(`create index "payment_invoice_id_index" on "payment" ("invoice_id");`);

    this.addSql(`create table "activity_event" ("id" uuid not null, "organization_id" uuid not null, "at" timestamptz not null, "actor_id" uuid null, "kind" varchar(64) not null, "message" varchar(1000) not null, "project_id" uuid null, "entity_id" uuid null, constraint "activity_event_pkey" primary key ("id"));`);
    this.addSql(`create index "activity_event_entity_id_index" on "activity_event" ("entity_id");`);
    this.addSql(`create index "activity_event_project_id_at_id_index" on "activity_event" ("project_id", "at", "id");`);

    this.addSql(`alter table "client" add constraint "client_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "supplier" add constraint "supplier_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "product" add constraint "product_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "product" add constraint "product_supplier_id_foreign" foreign key ("supplier_id") references "supplier" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "stock_movement" add constraint "stock_movement_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "stock_movement" add constraint "stock_movement_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`);
    this.addSql(`alter table "stock_movement" add constraint "stock_movement_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "project" add constraint "project_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "project" add constraint "project_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade;`);
    this.addSql(`alter table "project" add constraint "project_order_rep_id_foreign" foreign key ("order_rep_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "project" add constraint "project_production_rep_id_foreign" foreign key ("production_rep_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "project" add constraint "project_invoicing_rep_id_foreign" foreign key ("invoicing_rep_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "sales_order" add constraint "sales_order_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "sales_order" add constraint "sales_order_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade;`);

    this.addSql(`alter table "sales_order_line" add constraint "sales_order_line_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_order_line" add constraint "sales_order_line_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales_order_line" add constraint "sales_order_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "purchase_order" add constraint "purchase_order_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_supplier_id_foreign" foreign key ("supplier_id") references "supplier" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order" add constraint "purchase_order_production_rep_id_foreign" foreign key ("production_rep_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "receipt" add constraint "receipt_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "receipt" add constraint "receipt_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade;`);
    this.addSql(`alter table "receipt" add constraint "receipt_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_purchase_order_id_foreign" foreign key ("purchase_order_id") references "purchase_order" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_product_id_foreign" foreign key ("product_id") references "product" ("id") on update cascade;`);
    this.addSql(`alter table "purchase_order_line" add constraint "purchase_order_line_sales_order_line_id_foreign" foreign key ("sales_order_line_id") references "sales_order_line" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "receipt_line" add constraint "receipt_line_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "receipt_line" add constraint "receipt_line_receipt_id_foreign" foreign key ("receipt_id") references "receipt" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "receipt_line" add constraint "receipt_line_purchase_order_line_id_foreign" foreign key ("purchase_order_line_id") references "purchase_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "invoice" add constraint "invoice_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice" add constraint "invoice_sales_order_id_foreign" foreign key ("sales_order_id") references "sales_order" ("id") on update cascade;`);
    this.addSql(`alter table "invoice" add constraint "invoice_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade;`);
    this.addSql(`alter table "invoice" add constraint "invoice_client_id_foreign" foreign key ("client_id") references "client" ("id") on update cascade;`);

    this.addSql(`alter table "invoice_line" add constraint "invoice_line_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "invoice_line" add constraint "invoice_line_sales_order_line_id_foreign" foreign key ("sales_order_line_id") references "sales_order_line" ("id") on update cascade;`);

    this.addSql(`alter table "payment" add constraint "payment_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "payment" add constraint "payment_invoice_id_foreign" foreign key ("invoice_id") references "invoice" ("id") on update cascade;`);
    this.addSql(`alter table "payment" add constraint "payment_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "activity_event" add constraint "activity_event_organization_id_foreign" foreign key ("organization_id") references "organization" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "activity_event" add constraint "activity_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "activity_event" add constraint "activity_event_project_id_foreign" foreign key ("project_id") references "project" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "project" drop constraint "project_client_id_foreign";`);

    this.addSql(`alter table "sales_order" drop constraint "sales_order_client_id_foreign";`);

    this.addSql(`alter table "invoice" drop constraint "invoice_client_id_foreign";`);

    this.addSql(`alter table "product" drop constraint "product_supplier_id_foreign";`);

    this.addSql(`alter table "purchase_order" drop constraint "purchase_order_supplier_id_foreign";`);

    this.addSql(`alter table "stock_movement" drop constraint "stock_movement_product_id_foreign";`);

    this.addSql(`alter table "sales_order_line" drop constraint "sales_order_line_product_id_foreign";`);

    this.addSql(`alter table "purchase_order_line" drop constraint "purchase_order_line_product_id_foreign";`);

    this.addSql(`alter table "sales_order" drop constraint "sales_order_project_id_foreign";`);

    this.addSql(`alter table "purchase_order" drop constraint "purchase_order_project_id_foreign";`);

    this.addSql(`alter table "invoice" drop constraint "invoice_project_id_foreign";`);

    this.addSql(`alter table "activity_event" drop constraint "activity_event_project_id_foreign";`);

    this.addSql(`alter table "sales_order_line" drop constraint "sales_order_line_sales_order_id_foreign";`);

    this.addSql(`alter table "purchase_order" drop constraint "purchase_order_sales_order_id_foreign";`);

    this.addSql(`alter table "invoice" drop constraint "invoice_sales_order_id_foreign";`);

    this.addSql(`alter table "purchase_order_line" drop constraint "purchase_order_line_sales_order_line_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_sales_order_line_id_foreign";`);

    this.addSql(`alter table "receipt" drop constraint "receipt_purchase_order_id_foreign";`);

    this.addSql(`alter table "purchase_order_line" drop constraint "purchase_order_line_purchase_order_id_foreign";`);

    this.addSql(`alter table "receipt_line" drop constraint "receipt_line_receipt_id_foreign";`);

    this.addSql(`alter table "receipt_line" drop constraint "receipt_line_purchase_order_line_id_foreign";`);

    this.addSql(`alter table "invoice_line" drop constraint "invoice_line_invoice_id_foreign";`);

    this.addSql(`alter table "payment" drop constraint "payment_invoice_id_foreign";`);

    this.addSql(`drop table if exists "number_series" cascade;`);

    this.addSql(`drop table if exists "client" cascade;`);

    this.addSql(`drop table if exists "supplier" cascade;`);

    this.addSql(`drop table if exists "product" cascade;`);

    this.addSql(`drop table if exists "stock_movement" cascade;`);

    this.addSql(`drop table if exists "project" cascade;`);

    this.addSql(`drop table if exists "sales_order" cascade;`);

    this.addSql(`drop table if exists "sales_order_line" cascade;`);

    this.addSql(`drop table if exists "purchase_order" cascade;`);

    this.addSql(`drop table if exists "receipt" cascade;`);

    this.addSql(`drop table if exists "purchase_order_line" cascade;`);

    this.addSql(`drop table if exists "receipt_line" cascade;`);

    this.addSql(`drop table if exists "invoice" cascade;`);

    this.addSql(`drop table if exists "invoice_line" cascade;`);

    this.addSql(`drop table if exists "payment" cascade;`);

    this.addSql(`drop table if exists "activity_event" cascade;`);
  }

}
