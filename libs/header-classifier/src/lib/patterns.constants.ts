// Subject and address patterns, compiled once. Each is a general signal with
// a source; none is fitted to a particular message.

// Non-delivery subjects of the common MTAs: Exchange/Outlook ("Undeliverable:"),
// Gmail ("Delivery Status Notification (Failure|Delay)"), Postfix ("Undelivered
// Mail Returned to Sender", "Delayed Mail"), Exim ("Mail delivery failed"),
// Sendmail ("Returned mail:", "Warning: could not send message"), qmail
// ("failure notice"), Lotus Domino ("DELIVERY FAILURE:"), and their German,
// French, Spanish and Italian Exchange translations.
export const BOUNCE_SUBJECT =
  /^\s*(?:undeliverable|undelivered mail|undelivered message|delivery status notification|delivery failure|delivery has failed|delivery notification: delivery has failed|mail delivery failed|mail delivery failure|message delivery failure|returned mail|failure notice|non[- ]?delivery|nondeliverable|delivery failed|could not send message|warning: could not send message|delayed mail|delivery delayed|message delayed|mail system error|message not delivered|notice of delivery failure|unable to deliver|unzustellbar|nicht zustellbar|non remis|impossible de remettre|no se puede entregar|non recapitabile)\b/i;

// Out-of-office and autoresponder subject prefixes: Outlook/Exchange
// ("Automatic reply:", "Out of Office:", "Out of Office AutoReply:" and the
// localised Outlook strings), RFC 3834 §3.1.5 ("Auto:"), Lotus Notes ("AUTO:"),
// bracketed forms used by webmail autoresponders ("[Auto-Reply]").
const AUTO_REPLY_WORDS = [
  'automatic reply',
  'automatic response',
  'automated reply',
  'automated response',
  'auto[- ]?reply',
  'auto[- ]?response',
  'auto[- ]?respond(?:er)?',
  'r[ée]ponse automatique',
  'automatische antwort',
  'abwesenheitsnotiz',
  'respuesta autom[áa]tica',
  'risposta automatica',
  'resposta autom[áa]tica',
  'autosvar',
  'automatisch antwoord',
  'automaattinen vastaus',
  'automatyczna odpowied[źz]',
  'automatick[áa] odpov[ěe][ďd]',
  'automatikus v[áa]lasz',
  'αυτόματη απάντηση',
  'автоматический ответ',
  'otomatik yan[ıi]t',
  'r[ăa]spuns automat',
  '自動応答',
  '自動返信',
  '自动回复',
  '自動回覆',
  '자동 응답',
].join('|');
const OUT_OF_OFFICE_WORDS = [
  'out of (?:the )?office',
  'ooo',
  'abwesend',
  'absent(?:e)?(?: du bureau)?',
  'afwezig',
  'fuera de la oficina',
  'fuori sede',
].join('|');
export const AUTO_REPLY_SUBJECT = new RegExp(
  [
    // "Automatic reply: …", "[Automatyczna odpowiedź] …", "Automatic Response"
    `^\\s*\\[?(?:${AUTO_REPLY_WORDS})(?:\\s*[:：\\]\\)-]|\\s*$)`,
    // "Out of Office: …", "Out of Office AutoReply: …" — a bare "Out of office"
    // subject is something a person writes, so a colon is required.
    `^\\s*\\[?(?:${OUT_OF_OFFICE_WORDS})(?:\\s*(?:auto[- ]?reply|reply))?\\s*[:：\\]]`,
    // RFC 3834 §3.1.5 and Lotus Notes.
    '^\\s*auto\\s*:',
    // AOL and others append "(Automatic Response)" / "(Auto-Reply)".
    '\\((?:automatic|auto)[- ]?(?:response|reply)\\)\\s*$',
  ].join('|'),
  'iu',
);

// Lotus Notes / HCL Domino title their replies "Jane Doe is out of the
// office"; only counted when the subject is not a person's reply or forward
// ("Re: … is out of the office" is someone answering such a message).
export const OUT_OF_OFFICE_PHRASE = /\bis out of (?:the )?office\b/i;
export const REPLY_OR_FORWARD_PREFIX =
  /^\s*(?:re|fw|fwd|aw|wg|sv|vs|tr|rv|antw|odp|ynt|res|enc)\s*(?:\[\d+\])?\s*:/i;

// Meeting requests and responses as Outlook and Google Calendar title them.
export const CALENDAR_SUBJECT =
  /^\s*(?:accepted|declined|tentative|tentatively accepted|canceled|cancelled|canceled event|updated invitation|new time proposed|invitation(?=:.* @ ))\s*:/i;

// Local parts of the delivery system (RFC 5321 §4.5.1 postmaster, the
// MAILER-DAEMON convention of sendmail/Postfix/Exim, and the fixed system
// mailbox Exchange Online sends NDRs from).
export const DAEMON_LOCAL_PART =
  /^(?:mailer[-_]?daemon|mail[-_]?daemon|post[-_]?master|mdaemon|microsoftexchange329e71ec88ae4615bbc36ab6ce41109e)$/i;
// Display names sendmail, Exim and Postfix give their bounce messages.
export const DAEMON_DISPLAY_NAME =
  /^\s*(?:mail delivery (?:system|subsystem)|mail delivery service|mailer[- ]daemon)\s*$/i;

// Senders that say no person is behind them: no-reply and notification
// addresses, list and newsletter addresses, RSS-to-mail gateways, "nobody".
export const NO_REPLY_LOCAL_PART =
  /^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|no[-_.]?response|nobody|notifications?|notify|newsletters?|bounces?|alerts?|auto[-_.]?mail(?:er)?|(?:mailing[-_.]?)?list|listserv|majordomo|rss(?:[-_.]?feeds?)?|feeds?)(?:[-+._].*)?$/i;

// Hosts that run list servers by convention: lists.example.org,
// listserv.example.edu (L-Soft LISTSERV), mailman.example.net.
export const LIST_HOST = /^(?:lists?|listserv|mailman|majordomo)\./i;

// A bounce-processing reverse-path: VERP (D. J. Bernstein, 1997) and the
// per-message return addresses of bulk senders carry a bounce marker or a
// long number identifying the recipient or the mailing.
export const BOUNCE_HOST = /(?:^|\.)bounces?[^.]*\./i;
export const BULK_RETURN_PATH_LOCAL_PART =
  /bounce|^env[_-]|^owner-|^dev-?null|-request$|(?:\d[^\d]*){8}/i;
// Reverse-paths rewritten by forwarders (SRS) or tagged by the sender's own
// MTA (BATV "prvs="): they belong to person-to-person mail too.
export const REWRITTEN_RETURN_PATH = /^(?:srs[01][=+-]|prvs=|btv1==|batv=)/i;

// X-Mailer values of bulk-mail software that names itself there.
export const BULK_MAILER =
  /\b(?:accucast|lyris|listmanager|strongmail|mailking|phplist|mailchimp|campaign monitor|constant contact|sendblaster|atomic mail sender|interspire|acymailing|mailpoet|sendy|mautic|exacttarget|responsys|eloqua|pardot)\b/i;

// The bounce/owner addresses list managers put in Sender and Errors-To:
// Mailman ("list-bounces@", older "list-admin@"), Majordomo ("owner-list@"),
// and the RFC 2142 "-request" convention.
export const LIST_MANAGER_ADDRESS =
  /(?:^owner-|-(?:bounces?|admin|request|owner)(?:\+[^@]*)?@)/i;
