'use client';
import { lazy, Suspense, type ComponentType } from 'react';

/**
 * A component whose module is loaded with a plain `import()` the first time it renders, showing
 * nothing until it is here: `next/dynamic` with `ssr: false` for parts that appear only after a
 * user's action (a dialog, a drawer, the toasts), so never on the server. Unlike `next/dynamic`,
 * whose targets `next dev` compiles together with the page, a plain `import()`'s target is
 * compiled when a page first asks for it (`turbopackLazyDynamicImports` in next.config.ts), which
 * keeps these parts out of a page's first compile. The production build splits both the same way.
 */
export function onFirstRender<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => ({ default: await load() }));
  function OnFirstRender(props: P) {
    return (
      <Suspense fallback={null}>
        <Lazy {...props} />
      </Suspense>
    );
  }
  return OnFirstRender;
}
