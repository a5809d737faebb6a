'use client';
import type { EmailAvailability } from '@tritiq/contracts';
import { useEffect, useState } from 'react';
import { apiJson } from '@/lib/api-client';

/**
 * Whether email can go out at all (`GET /email/availability`), asked only when something on the page
 * is or may become queued (`wanted`). While it is not configured a queued email waits, so the screens
 * say that instead of "Email queued". Read as the contract's type, without its Zod schema: the
 * sales register asks it, and its first load carries no Zod (lib/api-client.ts).
 */
export function useEmailAvailability(wanted: boolean): EmailAvailability | null {
  const [availability, setAvailability] = useState<EmailAvailability | null>(null);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    apiJson<EmailAvailability>('/email/availability').then(
      (a) => {
        if (live) setAvailability(a);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return availability;
}
