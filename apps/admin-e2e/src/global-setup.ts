import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOT_DIR } from './support/browser';
import { startStack } from './support/stack';
import type { Stack } from './support/stack';

declare global {
  var headersyncE2eStack: Stack | undefined;
}

/**
 * One stack for the whole run, started the way `npm start` starts it. Its URLs
 * reach the test files through the environment (they run in this process or in
 * workers forked after this point).
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  // Only this run's pictures: a stale missing-*.png would mislead.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  const stack = await startStack({
    logFile: join(__dirname, '../test-output/stack.log'),
  });
  globalThis.headersyncE2eStack = stack;
  process.env['E2E_ADMIN_URL'] = stack.adminUrl;
  process.env['E2E_API_URL'] = stack.apiUrl;
  process.stdout.write(
    `\nadmin-e2e: npm start's stack up in ${((Date.now() - started) / 1000).toFixed(1)} s at ${stack.adminUrl} (log: ${stack.logFile})\n`,
  );
}
