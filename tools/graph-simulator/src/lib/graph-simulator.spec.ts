import { graphSimulator } from './graph-simulator.js';

describe('graphSimulator', () => {
  it('should work', () => {
    expect(graphSimulator()).toEqual('graph-simulator');
  });
});
