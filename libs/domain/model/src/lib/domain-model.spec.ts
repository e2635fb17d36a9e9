import { domainModel } from './domain-model.js';

describe('domainModel', () => {
  it('should work', () => {
    expect(domainModel()).toEqual('domain-model');
  });
});
