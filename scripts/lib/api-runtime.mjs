// How the API's Node process runs: `npm start` and the benchmarks take it from here; the
// `start` script of apps/api/package.json (`npm run start:api`) repeats the flag.
//
// --max-semi-space-size=32 (MiB; V8's default is 16 at most): the API makes many short-lived
// objects per request (rows, JSON, validation results). A larger young generation means fewer
// scavenges and fewer objects promoted to the old generation: on bench/voucher-limit it took the
// API from about 730 to about 850 vouchers/s at 32 clients, for some 30-50 MB more RSS.
export const API_NODE_OPTIONS = '--max-semi-space-size=32';

/** `env` with the API's Node options added to any NODE_OPTIONS already set. */
export function withApiNodeOptions(env) {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, API_NODE_OPTIONS].filter(Boolean).join(' ') };
}
