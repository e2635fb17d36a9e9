import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';
import {
  Avatar,
  Badge,
  Button,
  Divider,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  OverlayDrawer,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowExitRegular,
  BeakerRegular,
  BuildingRegular,
  DataBarVerticalRegular,
  DismissRegular,
  HistoryRegular,
  MailInboxRegular,
  PeopleRegular,
  PlugConnectedRegular,
  SettingsRegular,
} from '@fluentui/react-icons';
import type { Session } from '../shared/api-types';
import { initialsOf, useSession, useSignOut } from '../shared/session';

const useStyles = makeStyles({
  shell: {
    minHeight: '100vh',
    display: 'grid',
    gridTemplateColumns: '240px 1fr',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  rail: {
    display: 'flex',
    flexDirection: 'column',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    position: 'sticky',
    top: 0,
    height: '100vh',
  },
  brand: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  org: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} 0`,
    color: tokens.colorNeutralForeground3,
  },
  nav: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingVerticalS,
    flexGrow: 1,
  },
  navLink: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1,
    textDecorationLine: 'none',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    fontWeight: tokens.fontWeightSemibold,
  },
  account: {
    padding: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  accountButton: {
    width: '100%',
    justifyContent: 'flex-start',
    gap: tokens.spacingHorizontalS,
  },
  main: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    minWidth: 0,
  },
  panelSection: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    marginBottom: tokens.spacingVerticalL,
  },
  panelList: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
});

const NAV = [
  { to: '/dashboard', label: 'Dashboard', icon: <DataBarVerticalRegular /> },
  { to: '/mailboxes', label: 'Mailboxes', icon: <MailInboxRegular /> },
  { to: '/prospects', label: 'Prospects', icon: <PeopleRegular /> },
  {
    to: '/graph-connection',
    label: 'Graph connection',
    icon: <PlugConnectedRegular />,
  },
  {
    to: '/playground',
    label: 'Classifier playground',
    icon: <BeakerRegular />,
  },
  { to: '/audit-log', label: 'Audit log', icon: <HistoryRegular /> },
] as const;

function SettingsPanel({
  open,
  onClose,
  session,
}: {
  open: boolean;
  onClose: () => void;
  session: Session;
}) {
  const styles = useStyles();
  const linkClass = ({ isActive }: { isActive: boolean }) =>
    mergeClasses(styles.navLink, isActive && styles.active);
  return (
    <OverlayDrawer
      open={open}
      position="start"
      onOpenChange={(_, data) => {
        if (!data.open) onClose();
      }}
      aria-labelledby="settings-panel-title"
    >
      <DrawerHeader>
        <DrawerHeaderTitle
          id="settings-panel-title"
          action={
            <Button
              appearance="subtle"
              aria-label="Close settings"
              icon={<DismissRegular />}
              onClick={onClose}
            />
          }
        >
          Settings
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <section
          className={styles.panelSection}
          aria-labelledby="settings-user-admin"
        >
          <Subtitle2 as="h2" id="settings-user-admin">
            User Admin
          </Subtitle2>
          <ul className={styles.panelList}>
            <li>
              <NavLink
                to="/settings/org"
                className={linkClass}
                onClick={onClose}
              >
                <BuildingRegular aria-hidden />
                Org
              </NavLink>
            </li>
            <li>
              <NavLink
                to="/graph-connection"
                className={linkClass}
                onClick={onClose}
              >
                <PlugConnectedRegular aria-hidden />
                Graph connection
              </NavLink>
            </li>
            <li>
              <NavLink to="/audit-log" className={linkClass} onClick={onClose}>
                <HistoryRegular aria-hidden />
                Audit log
              </NavLink>
            </li>
          </ul>
        </section>
        <Divider />
        <section
          className={styles.panelSection}
          aria-labelledby="settings-account"
        >
          <Subtitle2 as="h2" id="settings-account">
            Your account
          </Subtitle2>
          <Text>{session.displayName}</Text>
          <Text>{session.email}</Text>
          <div>
            <Badge appearance="tint">
              {session.role === 'admin' ? 'Admin' : 'Member'}
            </Badge>
          </div>
        </section>
      </DrawerBody>
    </OverlayDrawer>
  );
}

/** The signed-in frame: navigation on the left, the account at the bottom left. */
export function Shell() {
  const styles = useStyles();
  const navigate = useNavigate();
  const session = useSession().data;
  const signOut = useSignOut();
  const [settingsOpen, setSettingsOpen] = useState(false);
  if (!session) return null;
  const initials = initialsOf(session.displayName, session.email);

  return (
    <div className={styles.shell}>
      <aside className={styles.rail}>
        <div className={styles.brand}>
          <Text weight="semibold" size={500}>
            Headersync
          </Text>
          <Text>Admin</Text>
        </div>
        {session.org && (
          <Text className={styles.org} size={200} truncate wrap={false}>
            {session.org.name}
          </Text>
        )}
        <nav className={styles.nav} aria-label="Main">
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              to={item.to}
              className={({ isActive }) =>
                mergeClasses(styles.navLink, isActive && styles.active)
              }
            >
              <span aria-hidden>{item.icon}</span>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className={styles.account}>
          <Menu positioning="above-start">
            <MenuTrigger disableButtonEnhancement>
              <Button
                appearance="subtle"
                className={styles.accountButton}
                aria-label={`Account menu for ${session.displayName} (${initials})`}
                icon={
                  <Avatar
                    name={session.displayName}
                    initials={initials}
                    color="colorful"
                    size={32}
                  />
                }
              >
                {session.displayName}
              </Button>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem
                  icon={<SettingsRegular />}
                  onClick={() => setSettingsOpen(true)}
                >
                  Settings
                </MenuItem>
                <MenuItem
                  icon={<ArrowExitRegular />}
                  onClick={() =>
                    signOut.mutate(undefined, {
                      onSettled: () => void navigate('/sign-in'),
                    })
                  }
                >
                  Sign out
                </MenuItem>
              </MenuList>
            </MenuPopover>
          </Menu>
        </div>
      </aside>
      <main className={styles.main}>
        <Outlet />
      </main>
      <SettingsPanel
        open={settingsOpen}
        onClose={() => setSettingsOpen(false)}
        session={session}
      />
    </div>
  );
}
