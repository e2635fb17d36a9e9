import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { SimulatorCredentials } from './sim-control.client.js';
import { SimControlClient } from './sim-control.client.js';

// The simulator is always a separate process (tools/graph-simulator is
// scope:tools, nothing imports it): tests spawn its built CLI and wait for the
// credentials file, which it writes only once it is ready.

export interface SpawnGraphSimulatorOptions {
  /** Default: found by walking up from the current directory to the root package.json. */
  workspaceRoot?: string;
  /** How long to wait for the credentials file (tenant generation takes a while). */
  startTimeoutMs?: number;
  /** Forward the simulator's stdout/stderr (default: keep only the stderr tail for errors). */
  inheritOutput?: boolean;
}

export interface RunningGraphSimulator {
  credentials: SimulatorCredentials;
  /** PEM of the simulator's CA: trust it (and nothing else) for its HTTPS. */
  ca: string;
  control: SimControlClient;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** The directory of the package.json that declares the npm workspaces. */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as {
        workspaces?: unknown;
      };
      if (parsed.workspaces !== undefined) return dir;
    }
    if (dirname(dir) === dir)
      throw new Error(
        'No workspace root (package.json with "workspaces") above the current directory',
      );
  }
}

/**
 * Starts `node tools/graph-simulator/dist/main.js --port 0 --credentials-out <tmp> ...args`
 * (build it first: graph-client's test target depends on graph-simulator:build).
 */
export async function spawnGraphSimulator(
  args: readonly string[] = [],
  options: SpawnGraphSimulatorOptions = {},
): Promise<RunningGraphSimulator> {
  const root = options.workspaceRoot ?? findWorkspaceRoot();
  const main = join(root, 'tools/graph-simulator/dist/main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run "nx build graph-simulator" first`);
  const dir = await mkdtemp(join(tmpdir(), 'headersync-graph-sim-'));
  const credentialsFile = join(dir, 'credentials.json');
  const child = spawn(
    process.execPath,
    [main, '--port', '0', '--credentials-out', credentialsFile, ...args],
    {
      cwd: root,
      stdio: [
        'ignore',
        options.inheritOutput ? 'inherit' : 'ignore',
        options.inheritOutput ? 'inherit' : 'pipe',
      ],
    },
  );
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
  });
  let exited:
    | { code: number | null; signal: NodeJS.Signals | null }
    | undefined;
  // Never leave a simulator behind when this process ends without stop().
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      process.removeListener('exit', killOnExit);
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(killTimer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  let credentials: SimulatorCredentials | undefined;
  while (!credentials) {
    if (exited) {
      await rm(dir, { recursive: true, force: true });
      throw new Error(
        `graph simulator exited (code ${exited.code}, signal ${exited.signal}) before it was ready:\n${stderrTail}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `graph simulator not ready within ${options.startTimeoutMs ?? 120_000} ms:\n${stderrTail}`,
      );
    }
    try {
      credentials = JSON.parse(
        await readFile(credentialsFile, 'utf8'),
      ) as SimulatorCredentials;
    } catch {
      // Not written yet (or half-written): poll again.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const ca = await readFile(credentials.caCertPath, 'utf8');
  const control = new SimControlClient(credentials.controlUrl, ca);
  return {
    credentials,
    ca,
    control,
    process: child,
    stop: async () => {
      control.close();
      await stop();
    },
  };
}
