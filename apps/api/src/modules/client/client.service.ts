import { activityEvent, addressLines, checkAddress, checkEmail, checkNewClient, checkPartyEdit, NO_AMOUNTS, normalizeAddress, normalizeEmail, sameAddress, type AddressInput, type UserError } from '@baton/domain';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Viewer } from '../../common/viewer.js';
import { checkVersion, fail } from '../../common/errors.js';
import { mustFind } from '../../common/lookup.js';
import { recordActivity } from '../activity/activity.service.js';
import { Client } from './client.entity.js';

export interface NewClient {
  name: string;
  email?: string | null;
  paymentTermsDays?: number | null;
  billingAddress?: AddressInput | null;
}

export function checkOptionalEmail(email: string | null | undefined): UserError[] {
  return email == null || email.trim() === '' ? [] : checkEmail(email);
}

export async function createClient(em: EntityManager, input: NewClient): Promise<Client> {
  const terms = input.paymentTermsDays ?? 30;
  const errors = [...checkNewClient({ name: input.name, email: input.email, paymentTermsDays: terms }), ...checkAddress(input.billingAddress, ['billingAddress'])];
  if (errors.length) fail(...errors);
  return em.create(Client, {
    name: input.name.trim(),
    email: input.email?.trim() ? normalizeEmail(input.email) : null,
    paymentTermsDays: terms,
    billingAddress: normalizeAddress(input.billingAddress),
  });
}

export function listClients(em: EntityManager): Promise<Client[]> {
  return em.find(Client, {}, { orderBy: { name: 'asc', id: 'asc' } });
}

export interface ClientEdit {
  clientId: string;
  name?: string | null;
  email?: string | null;
  paymentTermsDays?: number | null;
  /** Replaced whole when given; null clears it. */
  billingAddress?: AddressInput | null;
  expectedVersion?: number | null;
}

/** Trimmed e-mail, lower-cased, or null when blank: how every party's address is stored. */
export function storedEmail(email: string | null | undefined): string | null {
  return email?.trim() ? normalizeEmail(email) : null;
}

/**
 * Edits a client. Terms apply to invoices created from now on (an invoice keeps its due date).
 * The row is locked so two edits apply one after the other.
 */
export async function updateClient(em: EntityManager, viewer: Viewer, input: ClientEdit): Promise<Client> {
  const client = await mustFind(em, Client, input.clientId, ['input', 'clientId'], 'client', true);
  checkVersion(client.version, input.expectedVersion, 'client', ['input', 'expectedVersion']);
  const errors = [...checkPartyEdit(input, ['input']), ...checkAddress(input.billingAddress, ['input', 'billingAddress'])];
  if (errors.length) fail(...errors);
  const changed: string[] = [];
  if (input.name != null && input.name.trim() !== client.name) {
    client.name = input.name.trim();
    changed.push('name');
  }
  if (input.email !== undefined && storedEmail(input.email) !== (client.email ?? null)) {
    client.email = storedEmail(input.email);
    changed.push(client.email ? `invoice e-mail ${client.email}` : 'invoice e-mail cleared');
  }
  if (input.paymentTermsDays != null && input.paymentTermsDays !== client.paymentTermsDays) {
    client.paymentTermsDays = input.paymentTermsDays;
    changed.push(`payment terms ${client.paymentTermsDays} days`);
  }
  if (input.billingAddress !== undefined) {
    const address = normalizeAddress(input.billingAddress);
    if (!sameAddress(address, client.billingAddress)) {
      client.billingAddress = address;
      changed.push(address ? `billing address ${addressLines(address).join(', ')}` : 'billing address cleared');
    }
  }
  if (changed.length) recordActivity(em, { ...activityEvent('client.updated', { client: client.name, changes: changed }, NO_AMOUNTS), entityId: client.id, actorId: viewer.userId });
  return client;
}
