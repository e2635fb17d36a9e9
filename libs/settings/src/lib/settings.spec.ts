import { settings } from './settings.js';

describe('settings', () => {
  it('should work', () => {
    expect(settings()).toEqual('settings');
  });
});
