import { createLoggers, loadConfigOrExit, openDatabase } from '../bootstrap';

const config = loadConfigOrExit();
const loggers = createLoggers(config);
const handle = await openDatabase(config, loggers);
await handle.close();
process.stdout.write(
  `Migrations applied to the ${config.database.driver === 'pg' ? 'PostgreSQL server' : `embedded database in ${config.dataDir}`}.\n`,
);
