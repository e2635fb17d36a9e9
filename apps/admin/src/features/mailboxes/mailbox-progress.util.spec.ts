import { progressFraction, progressSummary } from './mailbox-progress.util';

describe('progressFraction', () => {
  it('reads percentages and done/total counts', () => {
    expect(progressFraction(40)).toBe(0.4);
    expect(progressFraction(0.5)).toBe(0.5);
    expect(progressFraction({ percent: 150 })).toBe(1);
    expect(progressFraction({ done: 30, total: 120 })).toBe(0.25);
  });

  it('has no fraction for the sync worker’s counts, which carry no total', () => {
    expect(
      progressFraction({
        folders: 2,
        foldersDone: 0,
        seen: 400,
        fetched: 12,
        stored: 10,
        removed: 0,
      }),
    ).toBeUndefined();
    expect(progressFraction('half')).toBeUndefined();
  });
});

describe('progressSummary', () => {
  it('tells what the running sync has read and stored, and which folder it is in', () => {
    expect(
      progressSummary({
        folders: 2,
        foldersDone: 1,
        seen: 1234,
        fetched: 60,
        stored: 56,
        removed: 0,
      }),
    ).toBe('1,234 read · 56 stored · folder 2 of 2');
  });

  it('says nothing for shapes it does not know', () => {
    expect(progressSummary(0)).toBeUndefined();
    expect(progressSummary({ done: 1, total: 2 })).toBeUndefined();
    expect(progressSummary(null)).toBeUndefined();
  });
});
