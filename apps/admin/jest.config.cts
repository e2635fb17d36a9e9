module.exports = {
  displayName: 'admin',
  preset: '../../jest.preset.js',
  testEnvironment: '<rootDir>/src/testing/jsdom-with-fetch.environment.cjs',
  // Fluent UI components are heavy in jsdom on 2 shared cores.
  testTimeout: 20_000,
  // Our libs are used from source, as in the Vite dev server.
  testEnvironmentOptions: {
    customExportConditions: [
      '@headersync/source',
      'browser',
      'require',
      'default',
    ],
  },
  setupFilesAfterEnv: ['<rootDir>/src/testing/setup-tests.ts'],
  transform: {
    '^(?!.*\\.(js|jsx|ts|tsx|css|json)$)': '@nx/react/plugins/jest',
    '^.+\\.[tj]sx?$': ['babel-jest', { presets: ['@nx/react/babel'] }],
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx'],
  coverageDirectory: 'test-output/jest/coverage',
};
