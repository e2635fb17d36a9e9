import {
  classifyHeaders,
  createClassificationContext,
  createProspectMatcher,
  parseRawHeaders,
} from '@headersync/header-classifier';
import {
  createRandom,
  generateMessage,
  MESSAGE_MIX,
  toRawHeaderBlock,
} from './classifier-bench.util.js';

const EXPECTED_KIND = {
  human: 'human',
  'bulk-list': 'bulk',
  'bulk-esp': 'bulk',
  'auto-reply': 'auto-reply',
  bounce: 'bounce',
  calendar: 'calendar',
  spam: 'spam',
} as const;

describe('classifier benchmark generator', () => {
  const random = createRandom(7);
  const sample = Array.from({ length: 2000 }, () => generateMessage(random));

  it('is deterministic for a seed', () => {
    const again = createRandom(7);
    expect(generateMessage(again)).toEqual(sample[0]);
  });

  it('produces Graph messages of realistic size: about 25 headers and 4–5 KB of JSON', () => {
    const headers = sample.map(
      (s) => s.message.internetMessageHeaders?.length ?? 0,
    );
    const bytes = sample.map((s) => JSON.stringify(s.message).length);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(headers)).toBeGreaterThanOrEqual(23);
    expect(mean(headers)).toBeLessThanOrEqual(28);
    expect(mean(bytes)).toBeGreaterThanOrEqual(4000);
    expect(mean(bytes)).toBeLessThanOrEqual(5200);
  });

  it('follows the mix and each type classifies as its kind', () => {
    const context = createClassificationContext({
      ownerAddresses: ['owner@contoso.com'],
      internalDomains: ['contoso.com'],
      prospects: createProspectMatcher({ matchAll: true }),
    });
    const counts = new Map<string, number>();
    for (const { type, message } of sample) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
      expect({ type, kind: classifyHeaders(message, context).kind }).toEqual({
        type,
        kind: EXPECTED_KIND[type],
      });
    }
    for (const [type, share] of MESSAGE_MIX) {
      expect(
        Math.abs((counts.get(type) ?? 0) / sample.length - share),
      ).toBeLessThan(0.03);
    }
  });

  it('renders a raw header block the raw parser reads back field for field', () => {
    const generated = sample[1];
    if (!generated) throw new Error('no sample');
    const { message } = generated;
    const parsed = parseRawHeaders(toRawHeaderBlock(message));
    expect(parsed.malformed).toEqual([]);
    expect(parsed.message.internetMessageHeaders?.map((h) => h.name)).toEqual(
      message.internetMessageHeaders?.map((h) => h.name),
    );
    expect(parsed.message.subject).toBe(message.subject);
  });
});
