import { headerClassifier } from './header-classifier.js';

describe('headerClassifier', () => {
  it('should work', () => {
    expect(headerClassifier()).toEqual('header-classifier');
  });
});
