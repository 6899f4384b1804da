// ESM + ts-jest, as actions/typescript-action runs it (NODE_OPTIONS=--experimental-vm-modules).
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { useESM: true, tsconfig: 'tsconfig.test.json', diagnostics: false }
    ]
  },
  testTimeout: 30000,
  setupFiles: ['<rootDir>/__fixtures__/no-network.ts'],
  collectCoverageFrom: [
    'src/**/*.ts',
    '!src/action/index.ts',
    '!src/cli/index.ts',
    '!src/types/**'
  ],
  coverageReporters: ['text-summary'],
  // A ratchet: raise these as tests grow, never lower them. The rules are
  // the security decision itself and stay at 100 %.
  coverageThreshold: {
    global: { statements: 86, branches: 73, functions: 83, lines: 89 },
    './src/engine/rules/': {
      statements: 100,
      branches: 100,
      functions: 100,
      lines: 100
    }
  }
}
