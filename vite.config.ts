import { defineConfig } from 'vite';

/**
 * The console bundle. `base: './'` keeps every asset URL relative, so the
 * same build loads from the desktop shell's app:// protocol and from the
 * headless station's loopback server under any path. Unit tests are
 * configured in vitest.config.ts.
 */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  // keep Vite's and Vitest's caches in the repository's node_modules, not inside the console's sources
  cacheDir: '../node_modules/.vite',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // fonts and images as files, never data: URIs, so a strict CSP (font-src 'self') holds
    assetsInlineLimit: 0,
    // one bundle for a desktop console: chunk splitting buys nothing offline. About 1.3 MB of it are
    // the password rule's word lists (zxcvbn), so the console judges a new password as the station will
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server-component bundlers; meaningless in a client-only bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
