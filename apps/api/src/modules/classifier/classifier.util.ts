import type {
  GraphMessageHeaders,
  GraphRecipient,
} from '@headersync/header-classifier';
import type { ClassifierDryRunDto } from './classifier.dto';

/** Every address of the message's participant fields, lowercased, once each. */
export function participantAddressesOf(message: GraphMessageHeaders): string[] {
  const recipients: (GraphRecipient | null | undefined)[] = [
    message.from,
    message.sender,
    ...(message.toRecipients ?? []),
    ...(message.ccRecipients ?? []),
    ...(message.bccRecipients ?? []),
    ...(message.replyTo ?? []),
  ];
  const addresses = new Set<string>();
  for (const r of recipients) {
    const address = r?.emailAddress?.address?.trim().toLowerCase();
    if (address) addresses.add(address);
  }
  return [...addresses];
}

const GRAPH_FIELDS = [
  'internetMessageHeaders',
  'from',
  'sender',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'subject',
  'sentDateTime',
  'receivedDateTime',
  'isDraft',
  'importance',
  'inferenceClassification',
  'internetMessageId',
  'conversationId',
] as const satisfies readonly (keyof GraphMessageHeaders &
  keyof ClassifierDryRunDto)[];

/** The Graph message fields of a dry-run body; empty when it sent none. */
export function graphFieldsOf(dto: ClassifierDryRunDto): GraphMessageHeaders {
  const message: Record<string, unknown> = {};
  for (const field of GRAPH_FIELDS)
    if (dto[field] !== undefined) message[field] = dto[field];
  return message as GraphMessageHeaders;
}
