import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The last number handed out per organization and series (PRJ, SO, PO, INV). */
@Entity()
export class NumberSeries {
  @PrimaryKey({ type: 'uuid' })
  organizationId!: string;

  @PrimaryKey({ length: 8 })
  series!: string;

  @Property({ type: 'int' })
  last!: number;
}
