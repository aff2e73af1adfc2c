import { Kind, valueFromASTUntyped, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/** One requested field: the arguments of each time it is asked (aliases), and what is asked under it. */
export interface SelectedField {
  args: Record<string, unknown>[];
  fields: Selection;
}

export type Selection = Map<string, SelectedField>;

/**
 * What the client asked for under the current field, fragments merged. Used only to decide what to
 * prefetch: a field it misses is still resolved (by a query), so @skip/@include are not honoured here.
 */
export function selectionOf(info: GraphQLResolveInfo): Selection {
  const selection: Selection = new Map();
  for (const node of info.fieldNodes) if (node.selectionSet) collect(node.selectionSet, info, selection);
  return selection;
}

function collect(set: SelectionSetNode, info: GraphQLResolveInfo, into: Selection): void {
  for (const node of set.selections) {
    if (node.kind === Kind.FIELD) {
      const name = node.name.value;
      let field = into.get(name);
      if (!field) into.set(name, (field = { args: [], fields: new Map() }));
      field.args.push(Object.fromEntries((node.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, info.variableValues)])));
      if (node.selectionSet) collect(node.selectionSet, info, field.fields);
    } else if (node.kind === Kind.INLINE_FRAGMENT) {
      collect(node.selectionSet, info, into);
    } else {
      const fragment = info.fragments[node.name.value];
      if (fragment) collect(fragment.selectionSet, info, into);
    }
  }
}

/** Every field name asked anywhere below `selection`. */
export function fieldNamesIn(selection: Selection, into = new Set<string>()): Set<string> {
  for (const [name, field] of selection) {
    into.add(name);
    fieldNamesIn(field.fields, into);
  }
  return into;
}
