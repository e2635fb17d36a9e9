import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// The admin app reaches the API under its own origin at /api, so the session
// cookie works without any cross-origin configuration.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;
const adminPort = Number(process.env.ADMIN_PORT ?? '4200');
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

/**
 * Writes which modules went into which chunk to test-output/bundle-report/ (outside
 * dist, so it is not served), for scripts/check-bundle.mjs: the bundler's
 * own module list is the proof that no server-side package slipped in.
 */
function bundleInventory(): Plugin {
  return {
    name: 'headersync-bundle-inventory',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((item) =>
        item.type === 'chunk'
          ? [
              {
                fileName: item.fileName,
                isEntry: item.isEntry,
                modules: item.moduleIds,
              },
            ]
          : [],
      );
      const dir = join(import.meta.dirname, 'test-output/bundle-report');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'modules.json'),
        `${JSON.stringify({ chunks }, null, 2)}\n`,
      );
    },
  };
}

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/admin',
  server: { port: adminPort, host: '127.0.0.1', strictPort: true, proxy },
  preview: { port: adminPort, host: '127.0.0.1', strictPort: true, proxy },
  // Our libs from source, as in the tests: the build never reads a lib's
  // dist while another task is rewriting it.
  resolve: { conditions: ['@headersync/source', ...defaultClientConditions] },
  plugins: [react(), bundleInventory()],
  build: {
    outDir: './dist',
    emptyOutDir: true,
    reportCompressedSize: true,
    // Fluent UI v9 makes the shell about 780 KiB (230 KiB gzip);
    // scripts/check-bundle.mjs prints the figure on every build.
    chunkSizeWarningLimit: 1024,
  },
}));
