import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/security-headers.mjs';

const config: NextConfig = {
  // The shared Zod schemas and GST arithmetic are TypeScript source in the workspace.
  transpilePackages: ['@tritiq/contracts'],
  // The development server at 127.0.0.1 (what `npm run dev` prints) must be allowed to load dev resources.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // `npm run typecheck` checks this app with the rest of the workspace; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  // Every page and asset; the content security policy is per request (server.mjs), the /api proxy passes the API's own.
  async headers() {
    return [{ source: '/((?!api/).*)', headers: STATIC_SECURITY_HEADERS }];
  },
  experimental: {
    optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@tabler/icons-react'],
    // Development only (`server.mjs --dev`): a dynamic import's target (the register's pickers, the
    // command palette, the navigation drawer, the toasts) is compiled when a page first asks for it,
    // not with the page (for the browser and for server rendering).
    turbopackLazyDynamicImports: true,
    turbopackLazyDynamicImportsSSR: true,
  },
};

export default config;
