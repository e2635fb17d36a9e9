import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin app reaches the API under its own origin at /api, so the session
// cookie works without any cross-origin configuration.
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3000'}`;
const adminPort = Number(process.env.ADMIN_PORT ?? '4200');
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/admin',
  server: { port: adminPort, host: '127.0.0.1', strictPort: true, proxy },
  preview: { port: adminPort, host: '127.0.0.1', strictPort: true, proxy },
  plugins: [react()],
  build: {
    outDir: './dist',
    emptyOutDir: true,
    reportCompressedSize: true,
  },
}));
