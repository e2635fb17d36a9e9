import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// Packages that only make sense on a server: the admin app (and anything it can
// import) must never pull them into a browser bundle.
const SERVER_ONLY_PACKAGES = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'bull',
  'ioredis',
  '@azure/msal-node',
  '@bull-board/*',
  'prom-client',
  'pino',
];

// Exported so the tag check (tools/scripts/check-project-tags.mjs) can verify
// that no rule is a wildcard and that every tag in use is constrained.
export const DEP_CONSTRAINTS = [
  {
    sourceTag: 'scope:frontend',
    onlyDependOnLibsWithTags: ['scope:frontend', 'scope:shared'],
    bannedExternalImports: SERVER_ONLY_PACKAGES,
  },
  {
    sourceTag: 'scope:backend',
    onlyDependOnLibsWithTags: ['scope:backend', 'scope:shared'],
  },
  {
    sourceTag: 'scope:shared',
    onlyDependOnLibsWithTags: ['scope:shared'],
  },
  {
    sourceTag: 'scope:tools',
    onlyDependOnLibsWithTags: ['scope:tools', 'scope:backend', 'scope:shared'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:data-access',
      'type:integration',
      'type:model',
      'type:pure',
    ],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:model', 'type:pure'],
  },
  {
    sourceTag: 'type:integration',
    onlyDependOnLibsWithTags: ['type:model', 'type:pure'],
  },
  {
    sourceTag: 'type:model',
    onlyDependOnLibsWithTags: ['type:model'],
  },
  {
    // The classifier is published on its own and runs in browsers: no other
    // lib and no npm package at all (an empty allow-list bans every import).
    sourceTag: 'type:pure',
    onlyDependOnLibsWithTags: [],
    allowedExternalImports: [],
  },
  {
    // Browser tests drive the running product from outside: they may share
    // its types and pure logic, never reach into its data access.
    sourceTag: 'type:e2e',
    onlyDependOnLibsWithTags: ['type:model', 'type:pure'],
  },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: [
      'type:tool',
      'type:data-access',
      'type:integration',
      'type:model',
      'type:pure',
    ],
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: [
      '**/dist',
      '**/out-tsc',
      '**/test-output',
      '**/vite.config.*.timestamp*',
      '**/bench/results',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          checkNestedExternalImports: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: DEP_CONSTRAINTS,
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: true,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // Nest's DI reads constructor parameter types at run time
        // (emitDecoratorMetadata): type-only imports there would erase them.
        { prefer: 'type-imports', fixStyle: 'separate-type-imports' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // jest configs and plain JS files are outside every tsconfig.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/jest.config.cts'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
];
