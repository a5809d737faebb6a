// The API's health endpoints (/health, /health/db, /health/pool) live outside /api; the system
// health page reads them through this same-origin forward.
export { GET, HEAD } from '../../api/[...path]/route';
export const dynamic = 'force-dynamic';
