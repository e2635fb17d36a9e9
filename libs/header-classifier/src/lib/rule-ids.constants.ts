/**
 * The id of every rule the classifier can fire. A `Decision.rules` entry is
 * always one of these; the lib README lists each with its source.
 */
export const RULE_IDS = {
  // Spam verdicts set by the receiving system.
  SPAM_EXCHANGE_SCL: 'spam/exchange-scl',
  SPAM_FOREFRONT_VERDICT: 'spam/forefront-verdict',
  SPAM_FLAG: 'spam/x-spam-flag',

  // Bounces (delivery status notifications and non-delivery reports).
  BOUNCE_DSN_REPORT: 'bounce/dsn-report',
  BOUNCE_EXCHANGE_NDR: 'bounce/exchange-ndr',
  BOUNCE_FAILED_RECIPIENTS: 'bounce/x-failed-recipients',
  BOUNCE_DAEMON_SENDER: 'bounce/daemon-sender',
  BOUNCE_SUBJECT: 'bounce/ndr-subject',

  // Auto-replies.
  AUTO_REPLY_AUTO_SUBMITTED: 'auto-reply/auto-submitted',
  AUTO_REPLY_X_AUTOREPLY: 'auto-reply/x-autoreply',
  AUTO_REPLY_PRECEDENCE: 'auto-reply/precedence',
  AUTO_REPLY_EXCHANGE_OOF: 'auto-reply/exchange-oof',
  AUTO_REPLY_SUBJECT: 'auto-reply/subject',
  AUTO_REPLY_READ_RECEIPT: 'auto-reply/read-receipt',
  AUTO_REPLY_NULL_REVERSE_PATH: 'auto-reply/null-reverse-path',

  // Calendar.
  CALENDAR_CONTENT_CLASS: 'calendar/content-class',
  CALENDAR_CONTENT_TYPE: 'calendar/text-calendar',
  CALENDAR_SUBJECT: 'calendar/meeting-subject',

  // Bulk.
  BULK_LIST_ID: 'bulk/list-id',
  BULK_LIST_UNSUBSCRIBE: 'bulk/list-unsubscribe',
  BULK_LIST_FIELDS: 'bulk/list-fields',
  BULK_LIST_MANAGER: 'bulk/list-manager',
  BULK_LIST_SENDER: 'bulk/list-sender',
  BULK_PRECEDENCE: 'bulk/precedence',
  BULK_AUTO_GENERATED: 'bulk/auto-generated',
  BULK_ESP: 'bulk/esp-fingerprint',
  BULK_FEEDBACK_ID: 'bulk/feedback-id',
  BULK_MICROSOFT_BULK: 'bulk/microsoft-bulk-verdict',
  BULK_ROLE_SENDER: 'bulk/no-reply-sender',
  BULK_RETURN_PATH: 'bulk/bounce-return-path',
  BULK_ERRORS_TO: 'bulk/errors-to',

  // Relevance: what the caller should do.
  DRAFT: 'relevance/draft',
  BLOCKED_PARTICIPANT: 'relevance/blocked-participant',
  SENSITIVITY: 'relevance/sensitivity',
  SENSITIVE_SUBJECT: 'relevance/sensitive-subject',
  INTERNAL_ONLY: 'relevance/internal-only',
  PROSPECT_PARTICIPANT: 'relevance/prospect-participant',
  ALLOWED_PARTICIPANT: 'relevance/allowed-participant',
  NO_PROSPECT: 'relevance/no-prospect',
  AUTO_REPLY_FROM_PROSPECT: 'relevance/auto-reply-from-prospect',
  AUTO_REPLY_NOT_FROM_PROSPECT: 'relevance/auto-reply-not-from-prospect',
  BOUNCE_TO_OWNER: 'relevance/bounce-to-owner',
  BOUNCE_NOT_INBOUND: 'relevance/bounce-not-inbound',
  BULK_IGNORED: 'relevance/bulk-ignored',
  SPAM_IGNORED: 'relevance/spam-ignored',
  CALENDAR_NOT_RELEVANT: 'relevance/calendar-not-relevant',
  NEEDS_HEADERS: 'relevance/needs-headers',
  OUTBOUND_WITHOUT_HEADERS: 'relevance/outbound-without-headers',

  // refineWithBody.
  REFINE_BOUNCE_PROSPECT: 'refine/bounce-concerns-prospect',
  REFINE_BOUNCE_NOT_PROSPECT: 'refine/bounce-not-prospect',
  REFINE_BOUNCE_NO_RECIPIENT: 'refine/bounce-recipient-unknown',
  REFINE_BODY_AUTO_REPLY: 'refine/body-auto-reply',
  REFINE_RETURN_DATE: 'refine/return-date',
} as const;

/** One of the rule ids in `RULE_IDS`. */
export type RuleId = (typeof RULE_IDS)[keyof typeof RULE_IDS];
