import {
  domainOfAddress,
  isValidDomain,
  isValidEmailAddress,
  normaliseEmailAddress,
} from './addresses.js';

describe('isValidDomain (RFC 1035 / RFC 5890 labels)', () => {
  it.each([
    'example.com',
    'a.b.example.co.uk',
    'xn--bcher-kva.example',
    '3com.com',
    'a-b.io',
  ])('accepts %s', (d) => expect(isValidDomain(d)).toBe(true));
  it.each([
    ['', 'empty'],
    ['localhost', 'single label'],
    ['-a.com', 'leading hyphen'],
    ['a-.com', 'trailing hyphen'],
    ['a..com', 'empty label'],
    ['ab--cd.com', 'reserved hyphens in positions 3-4 (RFC 5891 §4.2.3.1)'],
    ['example.123', 'numeric TLD (RFC 3696 §2)'],
    ['bücher.example', 'U-label instead of A-label'],
    [`${'a'.repeat(64)}.com`, 'label over 63 octets'],
    [`${'a.'.repeat(127)}com`, 'name over 253 octets'],
    ['exa mple.com', 'space'],
  ])('rejects %s (%s)', (d) => expect(isValidDomain(d)).toBe(false));
});

describe('isValidEmailAddress', () => {
  it.each([
    'jane@example.com',
    'jane.doe+crm@sub.example.org',
    "o'brien@example.ie",
  ])('accepts %s', (a) => expect(isValidEmailAddress(a)).toBe(true));
  it.each([
    'jane',
    '@example.com',
    'jane@',
    'jane@localhost',
    'jane..doe@example.com',
    '.jane@example.com',
    '"jane doe"@example.com',
    `${'a'.repeat(65)}@example.com`,
    'jane@exam_ple.com',
  ])('rejects %s', (a) => expect(isValidEmailAddress(a)).toBe(false));
});

describe('normalisation', () => {
  it('lowercases and trims addresses', () => {
    expect(normaliseEmailAddress('  Jane.Doe@Example.COM ')).toBe(
      'jane.doe@example.com',
    );
  });
  it('extracts the domain of an address', () => {
    expect(domainOfAddress('Jane@Sub.Example.com')).toBe('sub.example.com');
    expect(domainOfAddress('no-domain')).toBeUndefined();
  });
});
