import { Role } from '@baton/domain';
import { registerEnumType } from 'type-graphql';

registerEnumType(Role, { name: 'Role' });
