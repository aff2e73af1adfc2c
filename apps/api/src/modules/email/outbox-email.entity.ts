import { Entity, Enum, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { TenantEntity } from '../../common/tenant.js';

export const EmailKind = { MENTION: 'MENTION', INVOICE: 'INVOICE' } as const;
export type EmailKind = (typeof EmailKind)[keyof typeof EmailKind];

/**
 * The durable outbox: a message is written in the transaction that caused it, with a
 * graphile-worker job added in that same transaction, so it exists exactly when its cause
 * committed and is retried (with backoff) until the SMTP server takes it.
 */
@Entity()
@Index({ properties: ['sentAt'] })
export class OutboxEmail extends TenantEntity {
  [OptionalProps]?: 'organization' | 'attempts' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Enum({ items: () => EmailKind })
  kind!: EmailKind;

  @Property({ type: 'text[]' })
  to!: string[];

  @Property({ length: 300 })
  subject!: string;

  @Property({ type: 'text' })
  text!: string;

  /** For INVOICE: the invoice whose PDF is attached (rendered when sent). */
  @Property({ type: 'uuid', nullable: true })
  invoiceId?: string | null;

  @Property({ type: 'int' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  sentAt?: Date | null;

  @Property({ length: 300, nullable: true })
  messageId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
