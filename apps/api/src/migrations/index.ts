import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261122031856 } from './Migration20261122031856.js';
import { Migration20261122034022 } from './Migration20261122034022_workflow_core.js';
import { Migration20261122040327 } from './Migration20261122040327_notes_notifications.js';
import { Migration20261122043622 } from './Migration20261122043622_email_outbox.js';
import { Migration20261122050000 } from './Migration20261122050000_invoice_report_index.js';
import { Migration20261122060000 } from './Migration20261122060000_invoice_day_total.js';
import { Migration20261122070000 } from './Migration20261122070000_live_catch_up.js';
import { Migration20261207090000 } from './Migration20261207090000_money.js';
import { Migration20261207100000 } from './Migration20261207100000_figures.js';
import { Migration20261207110000 } from './Migration20261207110000_invoice_as_of.js';
import { Migration20261207120000 } from './Migration20261207120000_sign_in_limits.js';
import { Migration20261207130000 } from './Migration20261207130000_edit_versions.js';
import { Migration20261207140000 } from './Migration20261207140000_work_lists.js';
import { Migration20261207150000 } from './Migration20261207150000_follow_ups.js';
import { Migration20261207160000 } from './Migration20261207160000_session_wrote_at.js';
import { Migration20261207170000 } from './Migration20261207170000_client_report_order_index.js';
import { Migration20261207180000 } from './Migration20261207180000_message_params.js';
import { Migration20261207190000 } from './Migration20261207190000_addresses.js';
import { Migration20261207200000 } from './Migration20261207200000_search_index.js';

/** Committed migrations, in order. Add each new one here; never edit one that has landed. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261122031856', class: Migration20261122031856 },
  { name: 'Migration20261122034022', class: Migration20261122034022 },
  { name: 'Migration20261122040327', class: Migration20261122040327 },
  { name: 'Migration20261122043622', class: Migration20261122043622 },
  { name: 'Migration20261122050000', class: Migration20261122050000 },
  { name: 'Migration20261122060000', class: Migration20261122060000 },
  { name: 'Migration20261122070000', class: Migration20261122070000 },
  { name: 'Migration20261207090000', class: Migration20261207090000 },
  { name: 'Migration20261207100000', class: Migration20261207100000 },
  { name: 'Migration20261207110000', class: Migration20261207110000 },
  { name: 'Migration20261207120000', class: Migration20261207120000 },
  { name: 'Migration20261207130000', class: Migration20261207130000 },
  { name: 'Migration20261207140000', class: Migration20261207140000 },
  { name: 'Migration20261207150000', class: Migration20261207150000 },
  { name: 'Migration20261207160000', class: Migration20261207160000 },
  { name: 'Migration20261207170000', class: Migration20261207170000 },
  { name: 'Migration20261207180000', class: Migration20261207180000 },
  { name: 'Migration20261207190000', class: Migration20261207190000 },
  { name: 'Migration20261207200000', class: Migration20261207200000 },
];
