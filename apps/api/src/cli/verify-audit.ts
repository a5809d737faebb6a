import { createLoggers, loadConfigOrExit, openDatabase } from '../bootstrap';
import { formatVerification, verifyAuditChains } from '../modules/audit';

const config = loadConfigOrExit();
const loggers = createLoggers(config);
const handle = await openDatabase(config, loggers);
try {
  // Every organisation's chain: the platform login when the least-privilege setup has one.
  const result = await verifyAuditChains(handle.driver === 'pg' ? (handle.platformDb ?? handle.db) : handle.db);
  process.stdout.write(`${formatVerification(result)}\n`);
  process.exitCode = result.ok ? 0 : 2;
} finally {
  await handle.close();
}
