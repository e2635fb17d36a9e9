import { bench } from './bench.js';

describe('bench', () => {
  it('should work', () => {
    expect(bench()).toEqual('bench');
  });
});
