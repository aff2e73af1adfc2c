import { addressLines, checkOrganizationEdit, normalizeAddress, normalizeDocumentText, sameAddress, type OrganizationEdit } from '@baton/domain';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkVersion, fail } from '../../common/errors.js';
import { Organization } from '../../common/organization.entity.js';
import type { Viewer } from '../../common/viewer.js';
import { recordActivity } from '../activity/activity.service.js';

export interface OrganizationSettingsEdit extends OrganizationEdit {
  expectedVersion?: number | null;
}

/**
 * Edits the viewer's organization: its name, address, remit-to details and invoice terms. Fields left
 * out keep their value; null or blank clears. Documents already made keep what they printed (their
 * parties); new ones, and OPEN ones when edited or sent, take the new values. The row is locked so
 * two edits apply one after the other.
 */
export async function updateOrganization(em: EntityManager, viewer: Viewer, input: OrganizationSettingsEdit): Promise<Organization> {
  const organization = await em.findOneOrFail(Organization, viewer.organizationId, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  checkVersion(organization.version, input.expectedVersion, 'organization', ['input', 'expectedVersion']);
  const errors = checkOrganizationEdit(input, ['input']);
  if (errors.length) fail(...errors);
  const changed: string[] = [];
  if (input.name != null && input.name.trim() !== organization.name) {
    organization.name = input.name.trim();
    changed.push(`name ${organization.name}`);
  }
  if (input.address !== undefined) {
    const address = normalizeAddress(input.address);
    if (!sameAddress(address, organization.address)) {
      organization.address = address;
      changed.push(address ? `address ${addressLines(address).join(', ')}` : 'address cleared');
    }
  }
  if (input.remitTo !== undefined && normalizeDocumentText(input.remitTo) !== (organization.remitTo ?? null)) {
    organization.remitTo = normalizeDocumentText(input.remitTo);
    changed.push(organization.remitTo ? 'remit-to details changed' : 'remit-to details cleared');
  }
  if (input.invoiceTerms !== undefined && normalizeDocumentText(input.invoiceTerms) !== (organization.invoiceTerms ?? null)) {
    organization.invoiceTerms = normalizeDocumentText(input.invoiceTerms);
    changed.push(organization.invoiceTerms ? 'invoice terms changed' : 'invoice terms cleared');
  }
  if (changed.length) recordActivity(em, { kind: 'organization.updated', message: `Organization settings edited: ${changed.join(', ')}`, entityId: organization.id, actorId: viewer.userId });
  return organization;
}
