import {
  Anchor,
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import type { Org } from "../../contracts/orgs";
import { ROLE_LABELS } from "../../core/access/roles";
import { useScrollToHash } from "../components/use-scroll-to-hash";
import { forgetSession, useCurrentUser } from "../features/auth/session";
import { roleIn } from "../features/orgs/org-api";
import { api, errorMessage } from "./api-client";
import { firstOrgPage, NAVIGATION, pageHref, visibleNavigation } from "./navigation";
import { useShellOrg } from "./org-scope";
import classes from "./shell.module.css";

/** The signed-in frame: header with the organization switcher and the user menu, navigation, and the page. */
export function Shell() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const user = useCurrentUser();
  const { current } = useShellOrg();
  const { pathname } = useLocation();
  const sections = visibleNavigation({ user, role: current?.role ?? null }, current !== null);
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
            <Anchor component={Link} to="/" fw={700} c="blue.8" underline="never" visibleFrom="xs">
              ISMS Workbench
            </Anchor>
            <OrgSwitcher />
          </Group>
          <UserMenu />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav" className={classes.chrome}>
        <AppShell.Section grow component={ScrollArea}>
          {sections.map(({ section, pages }) => (
            <Box key={section.id} mb="md" component="section" aria-labelledby={`nav-${section.id}`}>
              <Text id={`nav-${section.id}`} size="xs" fw={700} c="dimmed" tt="uppercase" className={classes.sectionTitle}>
                {section.title}
              </Text>
              {pages.map((page) => {
                const href = pageHref(section, page, current?.org.id ?? null);
                const active = pathname === href || pathname.startsWith(`${href}/`);
                return (
                  <NavLink
                    key={page.path}
                    component={Link}
                    to={href}
                    label={page.label}
                    active={active}
                    aria-current={active ? "page" : undefined}
                    onClick={closeNav}
                  />
                );
              })}
            </Box>
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
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
        <Button variant="default" aria-label={current ? `Organization: ${current.org.name}. Switch organization` : "Choose organization"}>
          <Group gap="xs" wrap="nowrap">
            <Text fw={600} size="sm" truncate maw={220}>
              {current?.org.name ?? "Choose organization"}
            </Text>
            {current?.role && (
              <Badge variant="light" size="sm" visibleFrom="md">
                {ROLE_LABELS[current.role]}
              </Badge>
            )}
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
    mutationFn: () => api.post("/auth/logout"),
    onSuccess: () => {
      navigate("/login", { replace: true });
      forgetSession(queryClient);
    },
    onError: (error) => notifications.show({ color: "red", title: "Could not sign out", message: errorMessage(error) }),
  });

  return (
    <Menu position="bottom-end" width={240} shadow="md">
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.displayName}`}>
          <Group gap="xs" wrap="nowrap">
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
        <Menu.Item onClick={() => signOut.mutate()}>Sign out</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
