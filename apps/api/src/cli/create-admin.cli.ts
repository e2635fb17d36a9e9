import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@headersync/settings';
import { AppModule } from '../app.module';
import {
  checkNewAdmin,
  CreateAdminError,
  CreateAdminService,
} from '../modules/demo/create-admin.service';

export const CREATE_ADMIN_USAGE =
  'Usage: node apps/api/dist/main.js create-admin --org "Contoso" --email admin@contoso.example [--name "Ada Admin"] < password-file';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `main.js create-admin`: a new org and its first admin. The password comes
 * on standard input, never as an argument (arguments show in `ps`).
 */
export async function runCreateAdmin(
  config: AppConfig,
  args: readonly string[],
): Promise<string> {
  let values: { org?: string; email?: string; name?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        org: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
      },
      strict: true,
    }));
  } catch {
    throw new CreateAdminError(CREATE_ADMIN_USAGE);
  }
  if (!values.org || !values.email)
    throw new CreateAdminError(CREATE_ADMIN_USAGE);
  const input = {
    orgName: values.org,
    email: values.email,
    displayName: values.name ?? '',
    password: await readStdin(),
  };
  checkNewAdmin(input);
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot(config),
    { logger: false },
  );
  try {
    const created = await app.get(CreateAdminService).create(input);
    return `created admin ${values.email.toLowerCase()} in org "${values.org}" (${created.orgId})`;
  } finally {
    await app.close();
  }
}
