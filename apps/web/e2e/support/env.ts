import { inject } from 'vitest';

export interface E2eEnv {
  /** The one address a person opens: the web server, which forwards /api to the API. */
  webUrl: string;
  /** The API itself, for test set-up through the API (bearer tokens, no browser). */
  apiUrl: string;
  /** Where the loopback SMTP server writes each accepted message as JSON. */
  /** The PostgreSQL server's admin address (a test that starts an API of its own makes its database there). */
  postgresAdminUrl: string;
  mailDir: string;
  superAdmin: { email: string; password: string };
  screenshotsDir: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnv;
  }
}

export function e2eEnv(): E2eEnv {
  return inject('e2e');
}
