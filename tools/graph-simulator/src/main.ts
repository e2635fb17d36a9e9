#!/usr/bin/env node
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCliArgs, USAGE } from './lib/cli-options.js';
import { startGraphSimulator } from './lib/simulator.js';

async function main(): Promise<void> {
  let cli;
  try {
    cli = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(
      `${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`,
    );
    process.exit(2);
  }
  if (cli.help) {
    process.stdout.write(USAGE);
    return;
  }
  const started = Date.now();
  const sim = await startGraphSimulator(cli.simulator);
  const c = sim.credentials;
  if (cli.credentialsOut) {
    // Spawners wait for this file: write it whole (rename) and only once listening.
    const out = resolve(cli.credentialsOut);
    mkdirSync(dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, JSON.stringify(c, null, 2), { mode: 0o600 });
    renameSync(tmp, out);
  }
  if (!cli.quiet) {
    process.stdout.write(
      [
        `Graph simulator listening on ${c.baseUrl} (ready in ${Date.now() - started} ms)`,
        `  Graph base URL:   ${c.graphBaseUrl}`,
        `  Authority:        ${c.authorityUrl}`,
        `  Tenant id:        ${c.tenantId}`,
        `  Client id:        ${c.clientId}   (Mail.Read.All)`,
        `  Client secret:    ${c.clientSecret}`,
        `  ReadBasic app:    ${c.readBasic.clientId} / ${c.readBasic.clientSecret}   (Mail.ReadBasic.All)`,
        `  Certificate:      ${c.certificate.certificatePath} (thumbprint SHA-256 ${c.certificate.thumbprintSha256})`,
        `  Trust this CA:    ${c.caCertPath}`,
        `  Mailboxes:        ${c.users.length}, prospects in ${c.prospectsPath}`,
        `  Control API:      ${c.controlUrl}`,
        ...(cli.credentialsOut
          ? [`  Credentials JSON: ${resolve(cli.credentialsOut)}`]
          : []),
        '',
      ].join('\n'),
    );
  } else {
    process.stdout.write(`ready ${c.baseUrl}\n`);
  }
  const stop = () => {
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(
    `graph-simulator failed to start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
