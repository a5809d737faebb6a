'use client';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { z } from 'zod';
import { HydrationMarker } from '@/lib/hydration';
import { SessionProvider } from '@/lib/session';

// Zod compiles object parsers with `new Function` when it may; its probe for that is refused by
// the content security policy (no 'unsafe-eval' in production) and reported as a violation.
z.config({ jitless: true });

const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <HydrationMarker />
      <Notifications position="top-right" />
      <SessionProvider>{children}</SessionProvider>
    </MantineProvider>
  );
}
