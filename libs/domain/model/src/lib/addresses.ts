// Syntax checks for the domains and addresses admins type into org settings.
// They are deliberately strict on shape and lenient on content: they accept
// what a mail system would route, not every string RFC 5322 can quote.

const MAX_DOMAIN_LENGTH = 253; // RFC 1035 §2.3.4: 255 octets on the wire.
const MAX_LABEL_LENGTH = 63; // RFC 1035 §2.3.4.
const MAX_LOCAL_PART_LENGTH = 64; // RFC 5321 §4.5.3.1.1.
const MAX_ADDRESS_LENGTH = 254; // RFC 5321 §4.5.3.1.3 path limit minus "<>".

// An LDH label (RFC 1035 §2.3.1, relaxed by RFC 1123 §2.1 to allow a leading
// digit) or an A-label ("xn--", RFC 5890 §2.3.2.1), which is LDH too.
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

// dot-atom local part (RFC 5322 §3.2.3 atext). Quoted local parts are legal
// but are not accepted in settings: no real mailbox we sync uses them.
const DOT_ATOM =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Lowercases and trims: domains (RFC 4343) and, in practice, Exchange addresses are case-insensitive. */
export function normaliseEmailAddress(address: string): string {
  return address.trim().toLowerCase();
}

export function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * A fully qualified domain in LDH / A-label form (RFC 1035, RFC 5890): at
 * least two labels, each 1..63 characters, no label starting or ending with
 * a hyphen, a non-numeric top-level label. Internationalised names must be
 * given as A-labels (xn--), as in DNS.
 */
export function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN_LENGTH) return false;
  const labels = domain.toLowerCase().split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (label.length === 0 || label.length > MAX_LABEL_LENGTH) return false;
    if (!LDH_LABEL.test(label)) return false;
    // RFC 5891 §4.2.3.1: "--" in positions 3-4 is reserved for A-labels.
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return false;
  }
  const tld = labels[labels.length - 1] ?? '';
  // RFC 3696 §2: a top-level domain is never all-numeric.
  return !/^[0-9]+$/.test(tld);
}

/** local@domain with a dot-atom local part and a valid domain. */
export function isValidEmailAddress(address: string): boolean {
  if (address.length === 0 || address.length > MAX_ADDRESS_LENGTH) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL_PART_LENGTH) return false;
  return DOT_ATOM.test(local.toLowerCase()) && isValidDomain(domain);
}

/** The domain part of an address, lowercased, or undefined when there is none. */
export function domainOfAddress(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || at === address.length - 1) return undefined;
  return normaliseDomain(address.slice(at + 1));
}
