import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// CI runs every project's tests side by side on 2 cores: give findBy and
// waitFor room before they call a slow render a failure.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks the layout APIs that Fluent UI and recharts ask for.
class NoopResizeObserver {
  observe(): void {
    // jsdom has no layout, so nothing ever resizes.
  }
  unobserve(): void {
    // nothing observed
  }
  disconnect(): void {
    // nothing observed
  }
}
globalThis.ResizeObserver ??=
  NoopResizeObserver as unknown as typeof ResizeObserver;

// (Scripts' specs run in the node environment: no window there.)
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
