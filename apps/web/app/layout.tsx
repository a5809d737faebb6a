import '@mantine/core/styles.css';
import { ColorSchemeScript, mantineHtmlProps } from '@mantine/core';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { Providers } from './providers';

export const metadata: Metadata = {
  title: 'TRITIQ ERP',
  description: 'Multi-tenant ERP for Indian small and medium businesses',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The per-request nonce of the content security policy (set by server.mjs), for the one inline script of ours.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en-IN" {...mantineHtmlProps}>
      <head>
        <ColorSchemeScript nonce={nonce} defaultColorScheme="light" />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
