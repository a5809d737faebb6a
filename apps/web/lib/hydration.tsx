'use client';
import { useEffect, useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs the page in the browser.
 * A form's submit button stays disabled until then: a click that lands before the page's script
 * has taken over would submit the form natively (a plain page reload) and lose what was typed.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

/** Marks `<html data-hydrated="true">` once the app has hydrated: a signal for people and browser tests alike. */
export function HydrationMarker(): null {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}
