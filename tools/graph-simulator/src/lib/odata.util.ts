// Query options and Prefer header handling as Graph applies them to messages.

/** Properties of the message resource, in the order Graph writes them. */
export const MESSAGE_DEFAULT_PROPERTIES = [
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'receivedDateTime',
  'sentDateTime',
  'hasAttachments',
  'internetMessageId',
  'subject',
  'bodyPreview',
  'importance',
  'parentFolderId',
  'conversationId',
  'conversationIndex',
  'isDeliveryReceiptRequested',
  'isReadReceiptRequested',
  'isRead',
  'isDraft',
  'webLink',
  'inferenceClassification',
  'body',
  'sender',
  'from',
  'toRecipients',
  'ccRecipients',
  'bccRecipients',
  'replyTo',
  'flag',
] as const;

/** Returned only when named in $select (graph-facts: internetMessageHeaders, uniqueBody). */
export const MESSAGE_SELECT_ONLY_PROPERTIES = [
  'internetMessageHeaders',
  'uniqueBody',
] as const;

export type MessageProperty =
  | (typeof MESSAGE_DEFAULT_PROPERTIES)[number]
  | (typeof MESSAGE_SELECT_ONLY_PROPERTIES)[number]
  | 'id';

const CANONICAL = new Map<string, MessageProperty>(
  [
    ...MESSAGE_DEFAULT_PROPERTIES,
    ...MESSAGE_SELECT_ONLY_PROPERTIES,
    'id' as const,
  ].map((p) => [p.toLowerCase(), p]),
);

/** Properties a Mail.ReadBasic(.All) token may not read (graph-facts "The message resource"). */
export const BODY_PROPERTIES: readonly MessageProperty[] = [
  'body',
  'bodyPreview',
  'uniqueBody',
];

export class ODataError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses $select; undefined means "the default set". Unknown names are refused as Graph does. */
export function parseMessageSelect(
  value: string | null,
): MessageProperty[] | undefined {
  if (value === null || value.trim() === '') return undefined;
  const out: MessageProperty[] = [];
  for (const raw of value.split(',')) {
    const name = raw.trim();
    if (!name) continue;
    const canonical = CANONICAL.get(name.toLowerCase());
    if (!canonical) {
      throw new ODataError(
        400,
        'RequestBroker--ParseUri',
        `Could not find a property named '${name}' on type 'microsoft.graph.message'.`,
      );
    }
    if (!out.includes(canonical)) out.push(canonical);
  }
  return out;
}

/** Delta accepts only `receivedDateTime ge|gt <DateTimeOffset>` (graph-facts "Delta query"). */
export function parseReceivedFilter(
  value: string | null,
): { op: 'ge' | 'gt'; ms: number } | undefined {
  if (value === null || value.trim() === '') return undefined;
  const m = /^\s*receivedDateTime\s+(ge|gt)\s+'?([0-9T:.\-+Z]+)'?\s*$/i.exec(
    value,
  );
  if (!m) {
    throw new ODataError(
      400,
      'ErrorInvalidUrlQueryFilter',
      'The query filter contains one or more invalid nodes.',
    );
  }
  const ms = Date.parse(m[2] ?? '');
  if (!Number.isFinite(ms))
    throw new ODataError(
      400,
      'BadRequest',
      `The DateTimeOffset text '${m[2] ?? ''}' should be in format 'yyyy-mm-ddThh:mm:ss('.'s+)?(zzzzzz)?'.`,
    );
  return { op: (m[1] ?? 'ge').toLowerCase() as 'ge' | 'gt', ms };
}

export interface Preferences {
  maxPageSize?: number;
  immutableId: boolean;
  bodyText: boolean;
  applied: string[];
}

/** RFC 7240 Prefer, as Graph reads it (several headers or comma-separated). */
export function parsePrefer(values: readonly string[]): Preferences {
  const prefs: Preferences = {
    immutableId: false,
    bodyText: false,
    applied: [],
  };
  for (const value of values) {
    for (const raw of value.split(',')) {
      const token = raw.trim();
      const [k, v] = token.split('=').map((s) => s.trim()) as [
        string,
        string | undefined,
      ];
      const key = k.toLowerCase();
      const val = (v ?? '').replace(/^"(.*)"$/, '$1');
      if (key === 'odata.maxpagesize') {
        const n = Number.parseInt(val, 10);
        if (Number.isFinite(n) && n > 0) {
          prefs.maxPageSize = n;
          prefs.applied.push(`odata.maxpagesize=${n}`);
        }
      } else if (key === 'idtype' && val.toLowerCase() === 'immutableid') {
        prefs.immutableId = true;
        prefs.applied.push('IdType="ImmutableId"');
      } else if (key === 'outlook.body-content-type') {
        prefs.bodyText = val.toLowerCase() === 'text';
        prefs.applied.push(
          `outlook.body-content-type="${prefs.bodyText ? 'text' : 'html'}"`,
        );
      }
    }
  }
  return prefs;
}
