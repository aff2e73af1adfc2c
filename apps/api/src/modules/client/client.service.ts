import { checkEmail, checkName, ErrorCode, normalizeEmail, userError, type UserError } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import { fail } from '../../common/errors.js';
import { Client } from './client.entity.js';

export interface NewClient {
  name: string;
  email?: string | null;
  paymentTermsDays?: number | null;
}

export function checkOptionalEmail(email: string | null | undefined): UserError[] {
  return email == null || email.trim() === '' ? [] : checkEmail(email);
}

export async function createClient(em: EntityManager, input: NewClient): Promise<Client> {
  const terms = input.paymentTermsDays ?? 30;
  const errors = [...checkName(input.name, 'name'), ...checkOptionalEmail(input.email)];
  if (!Number.isInteger(terms) || terms < 0 || terms > 365)
    errors.push(userError(ErrorCode.INVALID_INPUT, 'Payment terms are 0 to 365 days.', ['paymentTermsDays']));
  if (errors.length) fail(...errors);
  return em.create(Client, {
    name: input.name.trim(),
    email: input.email?.trim() ? normalizeEmail(input.email) : null,
    paymentTermsDays: terms,
  });
}

export function listClients(em: EntityManager): Promise<Client[]> {
  return em.find(Client, {}, { orderBy: { name: 'asc', id: 'asc' } });
}
