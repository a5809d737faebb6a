import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { e2eEnv } from './env';

export interface Mail {
  to: string[];
  from: string;
  subject: string;
  text: string;
}

export function allMail(): Mail[] {
  const dir = e2eEnv().mailDir;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Mail);
}

/** The newest message to `to` whose subject matches, waiting for it to arrive (the loopback SMTP server's inbox). */
export async function waitForMail(to: string, subject: RegExp, timeoutMs = 20_000): Promise<Mail> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const match = allMail()
      .filter((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && subject.test(m.subject))
      .at(-1);
    if (match) return match;
    if (Date.now() > until) {
      const seen = allMail().map((m) => `${m.to.join(',')}: ${m.subject}`);
      throw new Error(`No mail to ${to} matching ${subject} within ${timeoutMs} ms; inbox: ${seen.join(' | ') || 'empty'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Counts messages matching, to wait for a *new* one after an action. */
export function countMail(to: string, subject: RegExp): number {
  return allMail().filter((m) => m.to.some((t) => t.toLowerCase() === to.toLowerCase()) && subject.test(m.subject)).length;
}
