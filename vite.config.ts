/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { devSecurityHeaders, securityHeaders } from './src/security/content-security-policy';
import { contentSecurityPolicyMeta } from './src/security/security-headers-plugin';

export default defineConfig({
  plugins: [react(), contentSecurityPolicyMeta()],
  // Relative asset URLs so the built app also works from a sub-path or a file server.
  base: './',
  resolve: {
    alias: {
      // Its eval() probe would be a CSP violation (script-src has no 'unsafe-eval'): see the stand-in.
      '@stdlib/assert-has-generator-support': fileURLToPath(new URL('./src/security/has-generator-support.cjs', import.meta.url)),
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    // Bundled CSVs and stylesheets stay files: a CSV inlined as a data: URL would need `connect-src data:`
    // to be fetched, a stylesheet `style-src data:` (src/security/content-security-policy.ts).
    assetsInlineLimit: (file) => (/\.(csv|css)$/.test(file) ? false : undefined),
  },
  // The built app under its strict policy (src/security/content-security-policy.ts); dev gets a looser one.
  preview: { port: 4173, strictPort: true, headers: { ...securityHeaders } },
  server: { headers: { ...devSecurityHeaders } },
  test: {
    // Core tests run in Node: a DOM dependency in src/core fails at once.
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    testTimeout: 60_000,
  },
});
