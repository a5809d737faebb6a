'use client';
import { MantineProvider, createTheme } from '@mantine/core';
import type { ReactNode } from 'react';
import { HydrationMarker } from '@/lib/hydration';
import { LazyNotifications } from '@/lib/notify';
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
      <LazyNotifications />
      <SessionProvider>{children}</SessionProvider>
    </MantineProvider>
  );
}
