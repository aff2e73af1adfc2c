import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  GraphQLError,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Limits on what one GraphQL document may ask for, checked before anything executes (HTTP and
 * WebSocket alike). Sized from our own client's largest operations with room to spare
 * (test/api/security/hostile-input.test.ts checks every document of apps/web still passes).
 */
export const QUERY_LIMITS = {
  /** tokens in a document (parse stops there: a token bomb costs no more than this) */
  tokens: 5_000,
  /** nesting of selections: project → salesOrders → lines → product … */
  depth: 12,
  /** aliases per operation: an alias bomb (5,000 × logIn) is refused whole */
  aliases: 30,
  /** directives per operation */
  directives: 20,
  /** cost: scalars 1, objects 2 + 1.5 × their selections, × `first` (as clamped, at most 100) */
  cost: 50_000,
} as const;

const PAGE_MAX = 100;

/** Braces nested deeper than this are refused before parsing (the parser recurses per level). */
export const MAX_NESTING = 64;

/**
 * How deep `{`, `[` and `(` nest in a GraphQL source, skipping strings and comments: one linear
 * pass, so a 2,000-deep document is refused before graphql-js's recursive parser overflows the
 * stack on it.
 */
export function nestingDepth(source: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '"') {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++) if (source[i] === '\\') i++;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      if (++depth > max) max = depth;
    } else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return max;
}

export function tooDeeplyNested(): GraphQLError {
  return new GraphQLError(`Syntax Error: the document nests deeper than ${MAX_NESTING} levels.`, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
}

/**
 * graphql-armor's cost formula, except that a page counts as what it will serve: `first` above 100
 * is clamped to 100 (not refused, as the contract says), and `first: $variable` counts as 100.
 */
export function costLimitRule(maxCost: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, number>();
    const costOf = (set: SelectionSetNode, visiting: Set<string>): number => {
      let total = 0;
      for (const s of set.selections) {
        if (s.kind === Kind.INLINE_FRAGMENT) total += costOf(s.selectionSet, visiting);
        else if (s.kind === Kind.FRAGMENT_SPREAD) {
          const name = s.name.value;
          if (visiting.has(name)) continue; // a cycle: invalid anyway (NoFragmentCycles)
          if (!fragments.has(name)) {
            const f = context.getFragment(name);
            fragments.set(name, f ? costOf(f.selectionSet, new Set([...visiting, name])) : 0);
          }
          total += fragments.get(name)!;
        } else if (!s.selectionSet) total += 1;
        else {
          const first = s.arguments?.find((a) => a.name.value === 'first')?.value;
          const page = !first ? 1 : first.kind === Kind.INT ? Math.min(Math.max(Number(first.value), 1), PAGE_MAX) : first.kind === Kind.VARIABLE ? PAGE_MAX : 1;
          total += (2 + 1.5 * costOf(s.selectionSet, visiting)) * page;
        }
      }
      return total;
    };
    return {
      OperationDefinition(op) {
        const cost = costOf(op.selectionSet, new Set());
        if (cost > maxCost) context.reportError(new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${Math.round(cost)}.`, { nodes: [op] }));
      },
    };
  };
}

/** Reports instead of throwing, so the client gets a normal validation error (HTTP 400). */
const report = { propagateOnRejection: false, onReject: [(ctx: ValidationContext | null, err: GraphQLError) => ctx?.reportError(err)] };

export const limitRules: ValidationRule[] = [
  maxDepthRule({ n: QUERY_LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...report }),
  maxAliasesRule({ n: QUERY_LIMITS.aliases, ...report }),
  maxDirectivesRule({ n: QUERY_LIMITS.directives, ...report }),
  costLimitRule(QUERY_LIMITS.cost),
] as ValidationRule[];

/** The extra validation rules: the limits, and no introspection in production (where the limits
 * need not spare it: it is refused whole). */
export function validationRules(production: boolean): ValidationRule[] {
  return production ? [...limitRules, NoSchemaIntrospectionCustomRule] : limitRules;
}

const SUGGESTION = / ?Did you mean(.+)\?$/;

/**
 * parse + validate for graphql-ws with the same limits Apollo applies over HTTP. A document that
 * fails comes back as errors (not a closed socket); in production the "Did you mean …?" hints are
 * cut, as Apollo's hideSchemaDetailsFromClientErrors does over HTTP.
 */
export function checkDocument(schema: GraphQLSchema, source: string, production: boolean): DocumentNode | readonly GraphQLError[] {
  if (nestingDepth(source) > MAX_NESTING) return [tooDeeplyNested()];
  let document: DocumentNode;
  try {
    document = parse(source, { maxTokens: QUERY_LIMITS.tokens });
  } catch (err) {
    return [err instanceof GraphQLError ? err : new GraphQLError('Syntax Error: the document could not be parsed.')];
  }
  const errors = validate(schema, document, [...specifiedRules, ...validationRules(production)]);
  if (errors.length === 0) return document;
  return errors.map((e) =>
    production && SUGGESTION.test(e.message) ? new GraphQLError(e.message.replace(SUGGESTION, ''), { nodes: e.nodes, extensions: e.extensions }) : e,
  );
}
