import { Organization } from '../modules/organization/organization.entity.js';
import { Session } from '../modules/session/session.entity.js';
import { User } from '../modules/user/user.entity.js';

/** Every entity, listed explicitly (no folder discovery: it breaks between src and dist). */
export const ENTITIES = [Organization, User, Session];
