import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'dist/**', 'test/e2e/**'],
    environment: 'node',
    // scrypt at OWASP cost takes ~0.3 s a hash: logins in tests are slow on purpose
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src-*/**/*.test.{ts,tsx}', 'migrations/**/*.test.ts', 'scripts/**/*.test.ts'],
          // The tests beside the code share a worker's modules: most of them load the whole
          // station (contract, domains, migrations), which costs more than their tests run.
          // Each still opens its own database (test/harness), and none mocks a module.
          isolate: false,
        },
      },
      { extends: true, test: { name: 'integration', include: ['test/integration/**/*.test.ts'] } },
    ],
  },
});
