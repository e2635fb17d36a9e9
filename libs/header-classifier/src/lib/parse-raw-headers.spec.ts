import { loadFixture } from '../../test/fixture.util.js';
import { parseRawHeaders } from './parse-raw-headers.js';

describe('parseRawHeaders', () => {
  it('unfolds continuation lines and keeps repeated fields in order (RFC 5322 §2.2.3)', () => {
    const { message, malformed } = parseRawHeaders(
      'Received: from a\r\n\tby b; Mon, 5 Jan 2026 10:00:00 +0000\r\nReceived: from c by d; Mon, 5 Jan 2026 09:00:00 +0000\r\nFrom: a@example.com\r\nSubject: one\r\n two\r\n\r\nbody: not a header\r\n',
    );
    expect(malformed).toEqual([]);
    expect(message.internetMessageHeaders?.map((h) => h.name)).toEqual([
      'Received',
      'Received',
      'From',
      'Subject',
    ]);
    expect(message.subject).toBe('one two');
    // The topmost Received is the arrival at the mailbox (RFC 5321 §4.4).
    expect(message.receivedDateTime).toBe('2026-01-05T10:00:00Z');
  });

  it('matches field names case-insensitively', () => {
    const { message } = parseRawHeaders(
      'fROM: x@example.com\nsubject: hi\nDATE: 5 Jan 2026 10:00 -0500\n',
    );
    expect(message.from?.emailAddress?.address).toBe('x@example.com');
    expect(message.subject).toBe('hi');
    expect(message.sentDateTime).toBe('2026-01-05T15:00:00Z');
  });

  it('decodes RFC 2047 B and Q encoded-words, joining adjacent words (RFC 2047 §6.2)', () => {
    const { message } = parseRawHeaders(
      loadFixture('encoded-words.eml').mimeContent ?? '',
    );
    expect(message.subject).toBe('日本語 and café crème');
    expect(message.from?.emailAddress).toEqual({
      name: 'André Pirard',
      address: 'PIRARD@vm1.ulg.ac.be',
    });
    expect(message.ccRecipients?.[0]?.emailAddress?.name).toBe('日本語');
  });

  it('reads address lists with quoted names, groups, comments and routes (RFC 5322 §3.4, §4.4)', () => {
    const { message, malformed } = parseRawHeaders(
      loadFixture('encoded-words.eml').mimeContent ?? '',
    );
    expect(message.toRecipients?.map((r) => r.emailAddress)).toEqual([
      { name: 'Doe, Jane', address: 'jane.doe@fabrikam.example' },
      { name: 'Sam Roe', address: 'sam@fabrikam.example' },
      { name: 'Lee "LP" Park', address: 'lee@tailspin.example' },
      {
        name: 'kim@adventure-works.example',
        address: 'kim@adventure-works.example',
      },
    ]);
    expect(malformed).toEqual([]);
  });

  it('keeps header values as sent, like Graph internetMessageHeaders', () => {
    const { message } = parseRawHeaders('Subject: =?utf-8?Q?caf=C3=A9?=\n');
    expect(message.internetMessageHeaders).toEqual([
      { name: 'Subject', value: '=?utf-8?Q?caf=C3=A9?=' },
    ]);
    expect(message.subject).toBe('café');
  });

  it('notes an unknown charset and still returns readable text', () => {
    const { message, malformed } = parseRawHeaders(
      'From: a@b.example\nSubject: =?x-unknown?Q?abc?=\n',
    );
    expect(message.subject).toBe('abc');
    expect(malformed).toContain('Subject: unknown charset');
  });

  it('reads garbage without throwing and says what it skipped, by line, without content', () => {
    const { message, malformed } = parseRawHeaders(
      'From somebody Mon Jan 5\n  stray\nno colon here\nFrom: <broken@\nDate: yesterday\n',
    );
    expect(message.internetMessageHeaders?.map((h) => h.name)).toEqual([
      'From',
      'Date',
    ]);
    expect(malformed).toEqual([
      'line 1: mbox "From " separator line ignored',
      'line 2: continuation line before any field',
      'line 3: not a header field',
      'From: malformed address list',
      'Date: not an RFC 5322 date',
    ]);
  });

  it('maps Importance and X-Priority to Graph importance', () => {
    expect(
      parseRawHeaders('From: a@b.example\nImportance: High\n').message
        .importance,
    ).toBe('high');
    expect(
      parseRawHeaders('From: a@b.example\nX-Priority: 5 (Lowest)\n').message
        .importance,
    ).toBe('low');
  });
});
