import { BigIntType } from '@mikro-orm/core';

/** Money columns: bigint in PostgreSQL, a JS number (integer cents, within SafeInt) in the app. */
export const cents = () => new BigIntType('number');
