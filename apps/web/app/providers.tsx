'use client';
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { HydrationMarker } from '@/lib/hydration';
import { LazyNotifications } from '@/lib/notify';
import { SessionProvider } from '@/lib/session';
import { readableColors, theme } from '@/lib/theme';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={readableColors}>
      <HydrationMarker />
      <LazyNotifications />
      <SessionProvider>{children}</SessionProvider>
    </MantineProvider>
  );
}
