import { render, screen } from '@testing-library/react';
import { App } from './app';

describe('App shell', () => {
  it('shows a spinner while the API health is loading', () => {
    render(<App loadHealth={() => new Promise(() => undefined)} />);
    expect(screen.getByText('Checking the API…')).toBeTruthy();
  });

  it('shows that the API is connected', async () => {
    render(<App loadHealth={async () => ({ state: 'up' })} />);
    expect(await screen.findByText('API connected')).toBeTruthy();
  });

  it('names what is down when the API is unhealthy', async () => {
    render(
      <App
        loadHealth={async () => ({
          state: 'down',
          reason: 'redis not reachable',
        })}
      />,
    );
    expect(await screen.findByText('redis not reachable')).toBeTruthy();
  });
});
