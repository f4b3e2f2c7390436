import {
  Anchor,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Collapse,
  Group,
  Kbd,
  type MantineColorScheme,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
  useMantineColorScheme,
  VisuallyHidden,
} from "@mantine/core";
import { useDisclosure, useLocalStorage } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { authEndpoints } from "../../contracts/auth";
import type { Org } from "../../contracts/orgs";
import { ROLE_LABELS } from "../../core/access/roles";
import { useScrollToHash } from "../components/use-scroll-to-hash";
import { forgetSession, useCurrentUser } from "../features/auth/session";
import { HELP_PATHS } from "../features/help/help-paths";
import { useInbox } from "../features/inbox/inbox-api";
import { roleIn } from "../features/orgs/org-api";
import { GlobalSearch, useSearchShortcut } from "../features/search/global-search";
import { call, errorMessage } from "./api-client";
import { firstOrgPage, NAVIGATION, type NavViewer, pageHref, visibleNavigation } from "./navigation";
import { ORG_PATHS, orgHref } from "./org-paths";
import { useShellOrg } from "./org-scope";
import classes from "./shell.module.css";

/** The signed-in frame: header with the organization switcher, search, inbox and the user menu, navigation, and the page. */
export function Shell() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [searchOpened, search] = useDisclosure(false);
  const user = useCurrentUser();
  const { current } = useShellOrg();
  const viewer = { user, role: current?.role ?? null };
  useScrollToHash();

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 272, breakpoint: "sm", collapsed: { mobile: !navOpened } }} padding="lg">
      <a href="#main" className={classes.skipLink}>
        Skip to content
      </a>
      <AppShell.Header className={classes.chrome}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger opened={navOpened} onClick={toggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Anchor component={Link} to="/" fw={700} c="blue.8" underline="never" visibleFrom="lg" className={classes.brand}>
              ISMS Workbench
            </Anchor>
            <OrgSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <SearchButton onClick={search.open} />
            {current && <InboxButton orgId={current.org.id} />}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav" className={classes.chrome}>
        <AppShell.Section grow component={ScrollArea}>
          <NavSections viewer={viewer} orgId={current?.org.id ?? null} onNavigate={closeNav} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
      <GlobalSearch opened={searchOpened} onOpen={search.open} onClose={search.close} viewer={viewer} orgId={current?.org.id ?? null} />
    </AppShell>
  );
}

/** Sections the viewer opened or closed, by id, kept in this browser. */
const NAV_STATE_KEY = "isms-nav-sections";
/** Open until the viewer closes them: where work starts. */
const OPEN_BY_DEFAULT = new Set(["implementation"]);

/**
 * The navigation grouped by phase, each group folding away so that all of them fit on a
 * screen. A group opens when the viewer goes to one of its pages, and stays as they leave it.
 */
function NavSections({ viewer, orgId, onNavigate }: { viewer: NavViewer; orgId: string | null; onNavigate: () => void }) {
  const { pathname } = useLocation();
  const [openState, setOpenState] = useLocalStorage<Record<string, boolean>>({
    key: NAV_STATE_KEY,
    defaultValue: {},
    getInitialValueInEffect: false,
  });
  const sections = visibleNavigation(viewer, orgId !== null).map(({ section, pages }) => ({
    section,
    pages: pages.map((page) => {
      const href = pageHref(section, page, orgId);
      return { page, href, active: pathname === href || pathname.startsWith(`${href}/`) };
    }),
  }));
  const activeSection = sections.find(({ pages }) => pages.some((p) => p.active))?.section.id;

  useEffect(() => {
    if (activeSection) setOpenState((state) => (state[activeSection] ? state : { ...state, [activeSection]: true }));
  }, [activeSection, setOpenState]);

  return sections.map(({ section, pages }) => {
    const opened = openState[section.id] ?? (OPEN_BY_DEFAULT.has(section.id) || section.id === activeSection);
    const bodyId = `nav-${section.id}-pages`;
    const containsActive = section.id === activeSection;
    return (
      <Box key={section.id} mb={4} component="section" aria-labelledby={`nav-${section.id}`} data-nav-section={section.id}>
        <UnstyledButton
          id={`nav-${section.id}`}
          className={classes.sectionToggle}
          aria-expanded={opened}
          aria-controls={bodyId}
          data-nav-toggle
          onClick={() => setOpenState((state) => ({ ...state, [section.id]: !opened }))}
        >
          <Text
            component="span"
            size="xs"
            fw={700}
            tt="uppercase"
            c={containsActive ? "blue.8" : "gray.7"}
            className={classes.sectionTitle}
          >
            {section.title}
          </Text>
          <Group gap={6} wrap="nowrap" component="span">
            {!opened && (
              <Text component="span" size="xs" c="dimmed" aria-label={`${pages.length} ${pages.length === 1 ? "page" : "pages"}`}>
                {pages.length}
              </Text>
            )}
            <span className={classes.chevron} data-opened={opened || undefined} aria-hidden>
              ›
            </span>
          </Group>
        </UnstyledButton>
        <Collapse expanded={opened} keepMountedMode="display-none" id={bodyId} transitionDuration={150}>
          {pages.map(({ page, href, active }) => (
            <NavLink
              key={page.path}
              component={Link}
              to={href}
              label={page.label}
              active={active}
              aria-current={active ? "page" : undefined}
              onClick={onNavigate}
            />
          ))}
        </Collapse>
      </Box>
    );
  });
}

function SearchButton({ onClick }: { onClick: () => void }) {
  const shortcut = useSearchShortcut();
  return (
    <Button
      variant="default"
      onClick={onClick}
      aria-keyshortcuts="Control+K Meta+K"
      rightSection={
        <Kbd size="xs" visibleFrom="md">
          {shortcut}
        </Kbd>
      }
    >
      Search
    </Button>
  );
}

/** The number of things awaiting the member, on every page; it opens the list on the start page. */
function InboxButton({ orgId }: { orgId: string }) {
  const inbox = useInbox(orgId);
  const count = inbox.data?.items.length ?? 0;
  return (
    <Button
      component={Link}
      to={orgHref(orgId, ORG_PATHS.roadmap, "inbox")}
      variant={count > 0 ? "light" : "subtle"}
      color={count > 0 ? "orange" : "gray"}
      // The name is the visible text with words for screen readers around it, so that voice control finds it by what it shows.
      rightSection={
        count > 0 ? (
          <Badge size="sm" color="orange" variant="filled" circle={count < 10}>
            {count}
            <VisuallyHidden> {count === 1 ? "item" : "items"} waiting for you</VisuallyHidden>
          </Badge>
        ) : null
      }
    >
      Inbox<VisuallyHidden>{count === 0 ? ": nothing waiting for you" : ": "}</VisuallyHidden>
    </Button>
  );
}

function OrgSwitcher() {
  const user = useCurrentUser();
  const { orgs, current } = useShellOrg();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!orgs) return null;

  /** Stays on the same kind of page in the other organization when the role there allows it. */
  const switchTo = (orgId: string) => {
    const target = orgs.find((o) => o.id === orgId);
    if (!target) return;
    const role = roleIn(target);
    const segment = pathname.match(/^\/orgs\/[^/]+\/([^/]+)/)?.[1];
    const samePage = NAVIGATION.filter((s) => s.scope === "org")
      .flatMap((s) => s.pages)
      .find((p) => p.path === segment && p.visible({ user, role }));
    const page = samePage ?? firstOrgPage({ user, role });
    navigate(page ? `/orgs/${orgId}/${page.path}` : `/orgs/${orgId}`);
  };

  return (
    <Menu position="bottom-start" width={300} shadow="md">
      <Menu.Target>
        <Button variant="default">
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate maw={220}>
              {current ? <VisuallyHidden>Organization: </VisuallyHidden> : null}
              {current?.org.name ?? "Choose organization"}
            </Text>
            {current?.role && (
              <Badge variant="light" size="sm" visibleFrom="md">
                {ROLE_LABELS[current.role]}
              </Badge>
            )}
            {current ? <VisuallyHidden>. Switch organization</VisuallyHidden> : null}
          </Group>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your organizations</Menu.Label>
        {orgs.map((org) => (
          <Menu.Item
            key={org.id}
            onClick={() => switchTo(org.id)}
            rightSection={
              <Text size="xs" c="dimmed">
                {roleLabel(org)}
              </Text>
            }
          >
            {org.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item component={Link} to="/orgs/new">
          Create organization
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function roleLabel(org: Org): string {
  const role = roleIn(org);
  return role ? ROLE_LABELS[role] : org.role;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join("");
}

function UserMenu() {
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => call(authEndpoints.logout, {}),
    onSuccess: () => {
      navigate("/login", { replace: true });
      forgetSession(queryClient);
    },
    onError: (error) => notifications.show({ color: "red", title: "Could not sign out", message: errorMessage(error) }),
  });

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton>
          <VisuallyHidden>Account menu for {user.displayName}</VisuallyHidden>
          <Group gap="xs" wrap="nowrap" aria-hidden>
            <Avatar color="blue" radius="xl" size="sm">
              {initials(user.displayName)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {user.displayName}
            </Text>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.email}</Menu.Label>
        <Menu.Item component={Link} to="/account">
          My account
        </Menu.Item>
        <Menu.Item component={Link} to={`/${HELP_PATHS.glossary}`}>
          Glossary
        </Menu.Item>
        <Menu.Divider />
        <ColorSchemeChoice />
        <Menu.Divider />
        <Menu.Item onClick={() => signOut.mutate()}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

const SCHEMES: { value: MantineColorScheme; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "auto", label: "As the system" },
];

/** Light, dark or the system's colours; Mantine keeps the choice in this browser. */
function ColorSchemeChoice() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <>
      <Menu.Label>Colours</Menu.Label>
      {SCHEMES.map(({ value, label }) => (
        <Menu.Item
          key={value}
          role="menuitemradio"
          aria-checked={colorScheme === value}
          onClick={() => setColorScheme(value)}
          rightSection={colorScheme === value ? <span aria-hidden>✓</span> : null}
        >
          {label}
        </Menu.Item>
      ))}
    </>
  );
}
