// The served schema, walked: every root field, sample arguments of the right type for each, and a
// selection of what it returns, so tests can call every field without naming them one by one.
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { TestApp } from './api-app.js';

export async function servedSchema(app: TestApp, token: string): Promise<GraphQLSchema> {
  const r = await app.gql(getIntrospectionQuery(), {}, { token });
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return buildClientSchema(r.data);
}

export type Root = 'Query' | 'Mutation' | 'Subscription';

export function rootFields(schema: GraphQLSchema, root: Root): GraphQLField<unknown, unknown>[] {
  const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return type ? Object.values(type.getFields()) : [];
}

/** A value of `type`; `pick(name, type)` may supply one for a named argument/field first. */
export type Picker = (name: string, type: GraphQLInputType, path: string[]) => unknown;

export function sampleValue(type: GraphQLInputType, name: string, pick: Picker, path: string[] = [name], requiredOnly = false): unknown {
  const picked = pick(name, type, path);
  if (picked !== undefined) return picked;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return [sampleValue(t.ofType as GraphQLInputType, name, pick, [...path, '0'], requiredOnly)];
  if (isEnumType(t)) {
    const [first] = t.getValues();
    if (!first) throw new Error(`enum ${t.name} has no values`);
    return first.value;
  }
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(t.getFields())) {
      if (requiredOnly && !isNonNullType(f.type)) continue;
      out[f.name] = sampleValue(f.type, f.name, pick, [...path, f.name], requiredOnly);
    }
    return out;
  }
  if (isScalarType(t)) {
    switch (t.name) {
      case 'ID':
        return '00000000-0000-4000-8000-000000000000';
      case 'String':
        return name.toLowerCase().includes('email') ? 'someone@example.com' : `sample ${name}`;
      case 'Int':
      case 'SafeInt':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'Date':
        return '2026-01-15';
      case 'DateTime':
        return '2026-01-15T10:00:00.000Z';
    }
  }
  throw new Error(`no sample for ${String(type)} at ${path.join('.')}`);
}

export function sampleArgs(args: readonly GraphQLArgument[], pick: Picker, requiredOnly = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of args) {
    if (requiredOnly && !isNonNullType(a.type)) continue;
    out[a.name] = sampleValue(a.type, a.name, pick, [a.name], requiredOnly);
  }
  return out;
}

/** Scalars and, `depth` levels down, the objects' scalars (fields needing arguments left out). */
export function selection(type: GraphQLOutputType, depth = 2): string {
  const t = getNamedType(type);
  if (!isObjectType(t)) return '';
  const parts: string[] = [];
  for (const f of Object.values(t.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(f.type);
    if (isObjectType(inner)) {
      if (depth > 0) parts.push(`${f.name} { ${selection(f.type, depth - 1) || '__typename'} }`);
    } else parts.push(f.name);
  }
  return parts.join(' ') || '__typename';
}

/** `mutation($a: T!, …) { field(a: $a, …) { selection } }` for a root field. */
export function operationFor(root: Root, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, depth = 2): string {
  const used = field.args.filter((a) => a.name in args);
  const vars = used.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const call = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
  const sel = selection(field.type, depth);
  const body = isObjectType(getNamedType(field.type)) ? ` { ${sel} }` : '';
  return `${root.toLowerCase()}${vars ? `(${vars})` : ''} { ${field.name}${call}${body} }`;
}
