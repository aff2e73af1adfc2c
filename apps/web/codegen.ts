import type { CodegenConfig } from '@graphql-codegen/cli';

// Client types come from the schema the API emits (packages/schema), never from hand-written copies.
// src/gql/ is generated (gitignored); `codegen` runs before dev, build and typecheck.
const config: CodegenConfig = {
  schema: '../../packages/schema/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      // Apollo Client 4 takes the default TypedDocumentNode (a parsed AST), not documentMode 'string'.
      presetConfig: { fragmentMasking: false },
      config: {
        // Enums as const objects: their types stay string unions, and a list such as the roles to choose from exists at run time.
        enumsAsConst: true,
        // Shapes as Apollo Client returns them: null (not absent) for nullable fields, __typename on objects.
        avoidOptionals: { field: true, inputValue: false },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        useTypeImports: true,
        defaultScalarType: 'unknown',
        scalars: { DateTime: 'string', Date: 'string', SafeInt: 'number' },
      },
    },
  },
};

export default config;
