import { Navigate, useNavigate, useParams } from 'react-router';
import {
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { PageHeader } from '../../app/page-header';
import { useSession } from '../../shared/session';
import { EmailSettingsTab } from './email-settings-tab';

const TABS = ['general', 'email'] as const;
type OrgTab = (typeof TABS)[number];

const useStyles = makeStyles({
  tabs: { marginBottom: tokens.spacingVerticalL },
  general: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
  },
});

function GeneralTab() {
  const styles = useStyles();
  const session = useSession().data;
  if (!session) return null;
  return (
    <dl className={styles.general}>
      {session.org && (
        <>
          <dt>
            <Text weight="semibold">Org name</Text>
          </dt>
          <dd>
            <Text>{session.org.name}</Text>
          </dd>
        </>
      )}
      <dt>
        <Text weight="semibold">Org id</Text>
      </dt>
      <dd>
        <Text font="monospace">{session.orgId}</Text>
      </dd>
      <dt>
        <Text weight="semibold">Signed in as</Text>
      </dt>
      <dd>
        <Text>
          {session.displayName} ({session.email})
        </Text>
      </dd>
      <dt>
        <Text weight="semibold">Your role</Text>
      </dt>
      <dd>
        <Text>
          {session.role === 'admin'
            ? 'Admin: you can change the org settings'
            : 'Member: you can view the org settings; an admin changes them'}
        </Text>
      </dd>
    </dl>
  );
}

export function OrgSettingsPage() {
  const styles = useStyles();
  const navigate = useNavigate();
  const { tab } = useParams();
  if (!TABS.includes(tab as OrgTab))
    return <Navigate to="/settings/org/general" replace />;
  const current = tab as OrgTab;

  return (
    <>
      <PageHeader
        title="Org"
        description="Settings that apply to everyone in your org."
      />
      <TabList
        className={styles.tabs}
        selectedValue={current}
        onTabSelect={(_, data) =>
          void navigate(`/settings/org/${String(data.value)}`)
        }
      >
        <Tab value="general">General</Tab>
        <Tab value="email">Email</Tab>
      </TabList>
      <div
        role="tabpanel"
        aria-label={current === 'email' ? 'Email' : 'General'}
      >
        {current === 'email' ? <EmailSettingsTab /> : <GeneralTab />}
      </div>
    </>
  );
}
