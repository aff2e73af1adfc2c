import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One counter of the sign-in limits (sign-in-limiter.ts), shared by every instance: failed password
 * checks of an (account, address) pair or of an address, and sign-ups of an address, counted in a
 * window that ends at `windowEndsAt`. Written only by the limiter's own statements.
 */
@Entity()
export class SignInLimit {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'int' })
  attempts!: number;

  @Property({ type: 'timestamptz' })
  @Index()
  windowEndsAt!: Date;

  @Property({ type: 'timestamptz' })
  lastAttemptAt!: Date;
}
