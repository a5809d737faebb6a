'use client';
import { cloneElement, useState, type ReactElement, type ReactNode } from 'react';
import { lazyModule, useLazyModule } from './lazy-field';

const tooltipModule = lazyModule(() => import('./tooltip-module'));

type Hoverable = ReactElement<{ onPointerEnter?: () => void; onPointerLeave?: () => void }>;

/**
 * Mantine's `Tooltip` around `children`, loaded (with the floating layer it needs) when the pointer
 * first comes over them: a list's badges show a tooltip without putting it on the page's first
 * load. The tooltip opens at once if the pointer is still there when it arrives.
 */
export function LazyTooltip({ label, children }: { label: ReactNode; children: Hoverable }) {
  const { mod, want } = useLazyModule(tooltipModule);
  const [over, setOver] = useState(false);
  if (mod)
    return (
      <mod.Tooltip label={label} defaultOpened={over}>
        {children}
      </mod.Tooltip>
    );
  return cloneElement(children, {
    onPointerEnter: () => {
      setOver(true);
      want();
    },
    onPointerLeave: () => setOver(false),
  });
}
