import { MantineProvider } from "@mantine/core";
import { Notifications, notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { forgetSession } from "../features/auth/session";
import { onSessionEnded } from "./api-client";
import { adoptStyleNonce } from "./csp-nonce";
import { createQueryClient } from "./query-client";
import { createRouter } from "./router";
import { colorSchemeManager, cssVariablesResolver, theme } from "./theme";

const queryClient = createQueryClient();
const router = createRouter();

// A 401 on a signed-in request means the session is over (expired, revoked, or the account disabled).
onSessionEnded(() => {
  forgetSession(queryClient);
  notifications.show({
    id: "session-ended",
    color: "orange",
    title: "You have been signed out",
    message: "Your session ended. Sign in again to continue.",
  });
});

export function App() {
  const [nonce] = useState(adoptStyleNonce);

  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      getStyleNonce={() => nonce}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="light"
    >
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
