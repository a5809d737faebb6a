'use client';
import { useEffect, useMemo, useRef } from 'react';

export const LEAVE_QUESTION = 'You have unsaved changes. Leave this page and lose them?';

/**
 * While `dirty`, leaving the page asks first: a reload or closed tab (the browser's own prompt),
 * a click on a link inside the app, and Back (the step is undone when the user stays). The App
 * Router has no "before navigate" event, so links are caught in the capture phase.
 */
export function useLeaveGuard(dirty: boolean, question = LEAVE_QUESTION): void {
  const dirtyRef = useRef(dirty);
  // Back/Forward: once there are changes, a guard entry (same address) sits on top of the page's
  // own, so Back first lands on the page itself, where the question is asked.
  const guarded = useRef(false);
  const passing = useRef(false);
  useEffect(() => {
    dirtyRef.current = dirty;
    if (dirty && !guarded.current) {
      guarded.current = true;
      window.history.pushState(window.history.state, '', window.location.href);
    }
  }, [dirty]);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    const onClick = (e: MouseEvent) => {
      if (!dirtyRef.current || e.defaultPrevented || e.button !== 0) return;
      const link = (e.target as Element | null)?.closest?.('a[href]');
      if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download')) return;
      const to = new URL(link.href, window.location.href);
      if (to.origin !== window.location.origin || (to.pathname === window.location.pathname && to.search === window.location.search))
        return;
      if (!window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
      } else dirtyRef.current = false;
    };
    const onPopState = () => {
      if (!guarded.current || passing.current) return;
      if (!dirtyRef.current || window.confirm(question)) {
        // Step over the page's own entry to where Back was going.
        passing.current = true;
        dirtyRef.current = false;
        window.history.back();
      } else {
        window.history.pushState(window.history.state, '', window.location.href);
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    window.addEventListener('popstate', onPopState);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
      window.removeEventListener('popstate', onPopState);
    };
  }, [question]);
}

/** A dialog's form closed with changes (Esc, Cancel, the close button) asks before they are dropped. */
export function confirmDiscard(dirty: boolean): boolean {
  return !dirty || window.confirm(LEAVE_QUESTION.replace('Leave this page', 'Close'));
}

/**
 * A form in a dialog whose owner closes it: while the form has changes, leaving the page asks
 * (useLeaveGuard), and `close` (the dialog's onClose: Esc, the close button, a click outside) asks
 * before dropping them. `report` goes to the form, which calls it with its dirtiness.
 */
export function useDialogFormGuard(onClose: () => void): {
  close: () => void;
  report: (dirty: boolean) => void;
  reset: () => void;
} {
  const dirty = useRef(false);
  const closeRef = useRef(onClose);
  useEffect(() => {
    closeRef.current = onClose;
  }, [onClose]);
  return useMemo(
    () => ({
      close: () => {
        if (!confirmDiscard(dirty.current)) return;
        dirty.current = false;
        closeRef.current();
      },
      report: (d: boolean) => {
        dirty.current = d;
      },
      reset: () => {
        dirty.current = false;
      },
    }),
    [],
  );
}

/** The form's side of useDialogFormGuard: guards leaving the page while `dirty` and tells the dialog. */
export function useReportDirty(dirty: boolean, report?: (dirty: boolean) => void): void {
  useLeaveGuard(dirty);
  useEffect(() => {
    report?.(dirty);
    return () => report?.(false);
  }, [dirty, report]);
}
