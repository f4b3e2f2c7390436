import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "../features/auth/session";
import { useSetupStatus } from "../features/setup/setup-status";
import { errorMessage } from "./api-client";
import { Shell } from "./shell";

function FullPageLoader() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading" />
    </Center>
  );
}

function FullPageError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Center mih="100vh" p="md">
      <Stack maw={480}>
        <Alert color="red" variant="light" title="ISMS Workbench is not reachable" role="alert">
          {errorMessage(error)}
        </Alert>
        <Button variant="default" onClick={retry} style={{ alignSelf: "flex-start" }}>
          Try again
        </Button>
      </Stack>
    </Center>
  );
}

/** Until the first administrator exists, the setup screen is the only screen. */
export function SetupGate() {
  const status = useSetupStatus();
  const { pathname } = useLocation();
  if (status.error) return <FullPageError error={status.error} retry={() => void status.refetch()} />;
  if (!status.data) return <FullPageLoader />;
  const onSetup = pathname === "/setup";
  if (status.data.needsSetup && !onSetup) return <Navigate to="/setup" replace />;
  if (!status.data.needsSetup && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Everything but sign-in, setup and invitation links needs a session; without one, sign in and come back. */
export function RequireSession() {
  const session = useSession();
  const { pathname, search } = useLocation();
  if (session.error) return <FullPageError error={session.error} retry={() => void session.refetch()} />;
  if (session.isPending) return <FullPageLoader />;
  if (!session.data) {
    const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  return <Shell />;
}
