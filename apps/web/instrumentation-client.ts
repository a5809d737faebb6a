import { z } from 'zod';

// Runs in the browser before any of the app's code. Zod compiles object parsers with
// `new Function` when it may; its probe for that is refused by the content security policy (no
// 'unsafe-eval' in production, lib/security-headers.ts) and reported as a violation. Set before
// the first parse, which can happen while a page's modules load.
z.config({ jitless: true });
