export { classifyHeaders } from './lib/classify-headers.js';
export { createClassificationContext } from './lib/classification-context.js';
export { createProspectMatcher } from './lib/prospect-matcher.js';
export { orgPolicyOptions } from './lib/org-policy.js';
export type {
  MailboxClassificationInput,
  OrgEmailPolicy,
} from './lib/org-policy.js';
export type { ProspectMatcherOptions } from './lib/prospect-matcher.js';
export { parseRawHeaders } from './lib/parse-raw-headers.js';
export type { ParsedRawHeaders } from './lib/parse-raw-headers.js';
export { readSensitivity } from './lib/sensitivity.js';
export { RULE_IDS } from './lib/rule-ids.constants.js';
export type { RuleId } from './lib/rule-ids.constants.js';
export type {
  AddressDomainList,
  ClassificationAction,
  ClassificationContext,
  ClassificationOptions,
  Decision,
  FullMessage,
  GraphInternetMessageHeader,
  GraphMessageHeaders,
  GraphRecipient,
  MessageKind,
  ProspectMatcher,
  RefinedDecision,
  Sensitivity,
} from './lib/types.js';
export { refineWithBody } from './lib/refine-with-body.js';
