import { configureZod } from './lib/zod-config';

// Runs in the browser before any of the app's code: Zod must not try to compile parsers (the
// content security policy refuses it); set before the first parse, without loading Zod here.
configureZod();
