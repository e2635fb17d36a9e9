import { useEffect, useState } from 'react';
import {
  Badge,
  FluentProvider,
  Spinner,
  Text,
  Title2,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { fetchApiHealth, type ApiHealth } from '../shared/api-health';

const useStyles = makeStyles({
  shell: {
    minHeight: '100vh',
    display: 'grid',
    gridTemplateRows: 'auto 1fr',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  main: {
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
});

export function App({
  loadHealth = fetchApiHealth,
}: {
  loadHealth?: () => Promise<ApiHealth>;
}) {
  const styles = useStyles();
  const [health, setHealth] = useState<ApiHealth>({ state: 'loading' });

  useEffect(() => {
    let active = true;
    void loadHealth().then((result) => {
      if (active) setHealth(result);
    });
    return () => {
      active = false;
    };
  }, [loadHealth]);

  return (
    <FluentProvider theme={webLightTheme}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Text weight="semibold" size={500}>
            Headersync
          </Text>
          <Text>Admin</Text>
        </header>
        <main className={styles.main}>
          <Title2 as="h1">Email sync for your Microsoft 365 mailboxes</Title2>
          <section aria-label="Service status">
            {health.state === 'loading' && (
              <Spinner size="tiny" label="Checking the API…" />
            )}
            {health.state === 'up' && (
              <Badge color="success" appearance="filled">
                API connected
              </Badge>
            )}
            {health.state === 'down' && (
              <Badge color="danger" appearance="filled">
                {health.reason}
              </Badge>
            )}
          </section>
        </main>
      </div>
    </FluentProvider>
  );
}
