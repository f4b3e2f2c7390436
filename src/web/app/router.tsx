import { Alert, Anchor, Center, Stack } from "@mantine/core";
import { createBrowserRouter, Link, Navigate, type RouteObject, useRouteError } from "react-router";
import { LoginPage } from "../features/auth/login-page";
import { useCurrentUser } from "../features/auth/session";
import { AcceptInvitePage } from "../features/invites/accept-invite-page";
import { CreateOrgPage, HomePage } from "../features/orgs/org-pages";
import { SetupPage } from "../features/setup/setup-page";
import { RequireSession, SetupGate } from "./gates";
import { firstOrgPage, NAVIGATION, type NavPage, type NavSection } from "./navigation";
import { OrgScope, useOptionalCurrentOrg } from "./org-scope";

/** A page reached by its URL is still only shown to whom the navigation would show it. */
function GuardedPage({ page }: { page: NavPage }) {
  const user = useCurrentUser();
  const role = useOptionalCurrentOrg()?.role ?? null;
  if (!page.visible({ user, role })) {
    return (
      <Alert color="orange" variant="light" title="Not available to you" role="alert" maw={560}>
        Your role does not give access to this page.
      </Alert>
    );
  }
  return <page.Page />;
}

function OrgHome() {
  const user = useCurrentUser();
  const role = useOptionalCurrentOrg()?.role ?? null;
  const page = firstOrgPage({ user, role });
  return page ? <Navigate to={page.path} replace /> : <NotFound />;
}

function NotFound() {
  return (
    <Stack maw={560}>
      <Alert color="gray" variant="light" title="Page not found">
        There is no page at this address.
      </Alert>
      <Anchor component={Link} to="/">
        Go to the start page
      </Anchor>
    </Stack>
  );
}

function RouteError() {
  const error = useRouteError();
  return (
    <Center mih="100vh" p="md">
      <Alert color="red" variant="light" title="Something went wrong" role="alert" maw={560}>
        {error instanceof Error ? error.message : "The page failed to load."} Reload the page to try again.
      </Alert>
    </Center>
  );
}

function routesOf(scope: NavSection["scope"]): RouteObject[] {
  return NAVIGATION.filter((section) => section.scope === scope)
    .flatMap((section) => section.pages)
    .flatMap((page) => [
      { path: page.path, element: <GuardedPage page={page} /> },
      ...(page.subpages ?? []).map((sub) => ({ path: sub.path, element: <GuardedPage page={{ ...page, Page: sub.Page }} /> })),
    ]);
}

export function createRouter() {
  return createBrowserRouter([
    {
      element: <SetupGate />,
      errorElement: <RouteError />,
      children: [
        { path: "/setup", element: <SetupPage /> },
        { path: "/login", element: <LoginPage /> },
        { path: "/invite/:token", element: <AcceptInvitePage /> },
        {
          element: <RequireSession />,
          children: [
            { index: true, element: <HomePage /> },
            { path: "/orgs/new", element: <CreateOrgPage /> },
            { path: "/orgs/:orgId", element: <OrgScope />, children: [{ index: true, element: <OrgHome /> }, ...routesOf("org")] },
            ...routesOf("user"),
            { path: "*", element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
