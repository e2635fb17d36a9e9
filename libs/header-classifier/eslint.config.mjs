import { builtinModules } from 'node:module';
import baseConfig, { DEP_CONSTRAINTS } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    files: ['**/*.ts'],
    // src/cli is the Node command line: it is neither the "." export nor
    // part of the browser entry, so it alone may use Node.
    ignores: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      'test/**',
      'bin/**',
      'src/cli/**',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'require',
          'module',
          '__dirname',
          '__filename',
          'global',
          'setImmediate',
        ].map((name) => ({
          name,
          message:
            'header-classifier is browser-safe and deterministic: no Node.js globals.',
        })),
      ],
      // Node built-ins are invisible to @nx/enforce-module-boundaries: the
      // classifier runs in browsers, so they are banned here explicitly.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', ...builtinModules],
              message:
                'header-classifier is browser-safe: no Node.js built-in modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use the test tooling; the library itself still may not.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'test/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          banTransitiveDependencies: false,
          checkNestedExternalImports: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: DEP_CONSTRAINTS.map((constraint) =>
            constraint.sourceTag === 'type:pure'
              ? { ...constraint, allowedExternalImports: ['fast-check'] }
              : constraint,
          ),
        },
      ],
    },
  },
  {
    files: ['**/*.json'],
    rules: {
      '@nx/dependency-checks': [
        'error',
        {
          ignoredFiles: ['{projectRoot}/eslint.config.{js,cjs,mjs,ts,cts,mts}'],
        },
      ],
    },
    languageOptions: {
      parser: await import('jsonc-eslint-parser'),
    },
  },
];
