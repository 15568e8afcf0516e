// Three projects so that `npm test` (unit + e2e: nothing but Node needed) and
// `npm run test:integration` (real Redis / MQTT services) select by file suffix.
const base = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
};

const slow = '<rootDir>/test/support/slow-test-timeout.ts';

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'], setupFilesAfterEnv: [slow] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['**/*.int.spec.ts'],
      setupFilesAfterEnv: [slow],
    },
  ],
};
