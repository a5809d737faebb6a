'use client';
import { tokenResponseSchema } from '@tritiq/contracts';
import { z } from 'zod';

/** What the browser sees of a sign-in: the web server strips the tokens, the cookies carry the session. */
export const signedInSchema = tokenResponseSchema.omit({ access_token: true }).extend({ message: z.string().optional() });

/** The unlock time of a locked account, from the API's `x-locked-until` header or its message. */
export function lockedUntil(headers: Headers | null, detail: string): Date | null {
  const raw = headers?.get('x-locked-until') ?? /after (\S+?)\.?$/.exec(detail)?.[1] ?? null;
  if (!raw) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatUnlockTime(date: Date): string {
  return new Intl.DateTimeFormat('en-IN', { hour: '2-digit', minute: '2-digit', day: '2-digit', month: 'short', year: 'numeric' }).format(
    date,
  );
}
