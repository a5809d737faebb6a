'use client';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { HydrationMarker } from '@/lib/hydration';
import { SessionProvider } from '@/lib/session';

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
