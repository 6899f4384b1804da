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
  collectCoverageFrom: ['src/**/*.ts', '!src/action/index.ts']
}
