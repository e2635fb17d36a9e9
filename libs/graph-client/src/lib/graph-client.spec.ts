import { graphClient } from './graph-client.js';

describe('graphClient', () => {
  it('should work', () => {
    expect(graphClient()).toEqual('graph-client');
  });
});
