import type { NextConfig } from 'next';

const config: NextConfig = {
  // The shared Zod schemas and GST arithmetic are TypeScript source in the workspace.
  transpilePackages: ['@tritiq/contracts'],
  // `next dev` at 127.0.0.1 (what `npm run dev` prints) must be allowed to load dev resources.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  // `npm run typecheck` checks this app with the rest of the workspace; the build does not repeat it.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  experimental: { optimizePackageImports: ['@mantine/core', '@mantine/hooks', '@tabler/icons-react'] },
};

export default config;
