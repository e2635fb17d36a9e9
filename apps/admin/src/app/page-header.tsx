import type { ReactNode } from 'react';
import { Text, Title2, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalL,
  },
});

export function PageHeader({
  title,
  description,
}: {
  title: string;
  description?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Title2 as="h1">{title}</Title2>
      {description && <Text>{description}</Text>}
    </header>
  );
}
