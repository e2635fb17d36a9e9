import { randomBytes } from 'node:crypto';
import type { MailFolder, MessageKind } from '@headersync/domain-model';
import type { DataSource, DeepPartial } from 'typeorm';
import { MailboxEntity } from '../lib/entities/mailbox.entity.js';
import { OrganizationEntity } from '../lib/entities/organization.entity.js';
import { ProspectEntity } from '../lib/entities/prospect.entity.js';
import { UserEntity } from '../lib/entities/user.entity.js';
import type { StoredMessageInput } from '../lib/repositories/stored-message.repository.js';

function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export async function createOrganization(
  dataSource: DataSource,
  overrides: DeepPartial<OrganizationEntity> = {},
): Promise<OrganizationEntity> {
  const repo = dataSource.getRepository(OrganizationEntity);
  return repo.save(
    repo.create({ name: `Org ${uniqueSuffix()}`, ...overrides }),
  );
}

export async function createUser(
  dataSource: DataSource,
  orgId: string,
  overrides: DeepPartial<UserEntity> = {},
): Promise<UserEntity> {
  const repo = dataSource.getRepository(UserEntity);
  return repo.save(
    repo.create({
      orgId,
      email: `user-${uniqueSuffix()}@example.com`,
      displayName: 'Test User',
      role: 'admin',
      ...overrides,
    }),
  );
}

export async function createMailbox(
  dataSource: DataSource,
  orgId: string,
  overrides: DeepPartial<MailboxEntity> = {},
): Promise<MailboxEntity> {
  const repo = dataSource.getRepository(MailboxEntity);
  return repo.save(
    repo.create({
      orgId,
      userPrincipalName: `rep-${uniqueSuffix()}@contoso.example`,
      ...overrides,
    }),
  );
}

export async function createProspect(
  dataSource: DataSource,
  orgId: string,
  overrides: DeepPartial<ProspectEntity> = {},
): Promise<ProspectEntity> {
  const repo = dataSource.getRepository(ProspectEntity);
  return repo.save(
    repo.create({
      orgId,
      email: `prospect-${uniqueSuffix()}@fabrikam.example`,
      ...overrides,
    }),
  );
}

/** A plausible relevant message for StoredMessageRepository.upsertMany. */
export function buildStoredMessageInput(
  orgId: string,
  mailboxId: string,
  overrides: Partial<StoredMessageInput> = {},
): StoredMessageInput {
  const id = uniqueSuffix();
  const folder: MailFolder = overrides.folder ?? 'inbox';
  const kind: MessageKind = overrides.kind ?? 'human';
  return {
    orgId,
    mailboxId,
    graphId: `AAMkAG-${id}`,
    internetMessageId: `<${id}@fabrikam.example>`,
    conversationId: `conv-${id}`,
    folder,
    direction: folder === 'inbox' ? 'inbound' : 'outbound',
    participants: {
      from: { name: 'Pat Prospect', address: 'pat@fabrikam.example' },
      sender: null,
      to: [{ address: 'rep@contoso.example' }],
      cc: [],
      bcc: [],
      replyTo: [],
    },
    subject: `Quote ${id}`,
    sentAt: new Date('2026-11-30T09:00:00Z'),
    receivedAt: new Date('2026-11-30T09:00:05Z'),
    headers: [{ name: 'Message-ID', value: `<${id}@fabrikam.example>` }],
    bodyContentType: 'text',
    bodyContent: 'Hello, here is the quote.',
    sizeBytes: 2048,
    kind,
    rules: ['human.default'],
    matchedProspects: ['pat@fabrikam.example'],
    outOfOfficeUntil: null,
    ...overrides,
  };
}
