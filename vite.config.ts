import { defineConfig } from 'vite';

/** zxcvbn's language packages: the password rule's word lists. */
const ZXCVBN_LISTS = /node_modules[\\/]@zxcvbn-ts[\\/]language-/;

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
    rolldownOptions: {
      onwarn(warning, warn) {
        // React libraries mark modules "use client" for server-component bundlers; meaningless in a client-only bundle
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Each area's screens are a chunk of their own, fetched when first opened (kit/lazyScreens.tsx).
        // The libraries every screen uses get chunks of their own too: they change only when a dependency
        // is upgraded, so a new console build leaves them in the browser's cache (the station serves
        // assets/ as immutable, by their hashed names).
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/, priority: 2 },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 2 },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/, priority: 2 },
            // one chunk for the icons, rather than a sliver of a file for each icon two areas share
            { name: 'icons', test: /node_modules[\\/]@tabler[\\/]icons-react[\\/]/, priority: 2 },
            // the password rule's word lists (~1.6 MB, fetched with the first new-password box): each large list
            // in a chunk of its own, so none is over the size warning; a language's index imports its lists, so
            // they are not pulled into the index's chunk
            {
              name: (id) => `password-words-${/language-([a-z]+)[\\/]dist[\\/]([A-Za-z]+)/.exec(id)?.slice(1).join('-') ?? 'list'}`,
              debugName: 'password word lists, large',
              test: ZXCVBN_LISTS,
              minModuleSize: 100_000,
              includeDependenciesRecursively: false,
              priority: 4,
            },
            { name: 'password-words', test: ZXCVBN_LISTS, includeDependenciesRecursively: false, priority: 3 },
          ],
        },
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
