import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
let resolved: Promise<string> | undefined;

/**
 * The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's (/usr/bin/chromium), else the
 * one the npm package @sparticuz/chromium ships (a dev dependency; unpacked to the temp directory
 * once), if it starts on this machine. Otherwise the run fails with one line saying what to install.
 * TEST_CHROMIUM=npm takes the npm one even where Debian's is installed.
 */
export function chromiumPath(): Promise<string> {
  resolved ??= (async () => {
    if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
    if (process.env.TEST_CHROMIUM !== 'npm' && existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
    let candidate: string;
    try {
      const { default: packaged } = await import('@sparticuz/chromium');
      candidate = await packaged.executablePath();
    } catch (err) {
      throw new Error(
        `No Chromium for the browser tests: install Debian's (apt-get install chromium) or set CHROMIUM_PATH (npm's @sparticuz/chromium: ${(err as Error).message})`,
      );
    }
    const probe = spawnSync(candidate, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8', timeout: 30_000 });
    if (probe.status !== 0) {
      throw new Error(
        `No Chromium for the browser tests: npm's @sparticuz/chromium does not start here (${(probe.stderr || String(probe.error ?? probe.status)).split('\n')[0]}); install Debian's (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    }
    console.log(`[e2e] Chromium: ${probe.stdout.trim()} from npm's @sparticuz/chromium (${candidate})`);
    return candidate;
  })();
  return resolved;
}
