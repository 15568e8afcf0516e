// Three projects so that `npm test` (unit + e2e: nothing but Node needed) and
// `npm run test:integration` (real Redis / MQTT services) select by file suffix.
const base = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] },
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
};

export default {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['**/*.unit.spec.ts'] },
    // End-to-end tests start servers, child processes and worker threads: allow them time.
    { ...base, displayName: 'e2e', testMatch: ['**/*.e2e.spec.ts'], testTimeout: 60_000 },
    { ...base, displayName: 'integration', testMatch: ['**/*.int.spec.ts'] },
  ],
};
