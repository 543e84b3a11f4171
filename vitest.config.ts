import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-shared/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/**/*.test.ts', 'src-hub/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    // scrypt at OWASP cost takes ~0.3 s a hash: logins in tests are slow on purpose
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
