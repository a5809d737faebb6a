import { createLoggers, loadConfigOrExit, openDatabase } from '../bootstrap';
import { formatVerification, verifyAuditChains } from '../modules/audit';

const config = loadConfigOrExit();
const loggers = createLoggers(config);
const handle = await openDatabase(config, loggers);
try {
  const result = await verifyAuditChains(handle.db);
  process.stdout.write(`${formatVerification(result)}\n`);
  process.exitCode = result.ok ? 0 : 2;
} finally {
  await handle.close();
}
