import { domainPersistence } from './domain-persistence.js';

describe('domainPersistence', () => {
  it('should work', () => {
    expect(domainPersistence()).toEqual('domain-persistence');
  });
});
