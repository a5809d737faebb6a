'use client';
import { useEffect, useState } from 'react';
import { onFirstRender } from './on-first-render';

/**
 * Toasts ("Settings saved") without shipping the notifications package on every page: the host
 * (`<Notifications />`) and the store are loaded the first time something is shown. A toast
 * queued before the host mounts is in the store already, and the host renders it on mount.
 */

const NotificationsHost = onFirstRender(() => import('./notifications-host').then((m) => m.NotificationsHost));

let mountHost: (() => void) | null = null;
let hostWanted = false;

export function notify(notification: { message: string; color?: string; title?: string }): void {
  hostWanted = true;
  mountHost?.();
  // The close button is an icon: it needs a name (axe button-name).
  void import('@mantine/notifications').then(({ notifications }) =>
    notifications.show({ ...notification, closeButtonProps: { 'aria-label': 'Dismiss notification' } }),
  );
}

/** Mounted once by the root providers; renders nothing until the first `notify`. */
export function LazyNotifications() {
  const [wanted, setWanted] = useState(hostWanted);
  useEffect(() => {
    mountHost = () => setWanted(true);
    return () => {
      mountHost = null;
    };
  }, []);
  return wanted ? <NotificationsHost /> : null;
}
