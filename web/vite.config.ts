import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// In development the API server runs separately (npm start, port 8080); these paths belong to it.
const API_SERVER = 'http://localhost:8080';
const proxied = ['/api', '/healthz', '/readyz', '/openapi.json', '/docs', '/.well-known'];

export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: Object.fromEntries(proxied.map((prefix) => [prefix, { target: API_SERVER }])) },
});
