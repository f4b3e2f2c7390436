import { Alert, Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { errorMessage } from "../app/api-client";

interface QueryStateProps {
  isPending: boolean;
  error: unknown;
  children: ReactNode;
}

/** Shows a spinner while a query first loads, the server's explanation if it failed, the content otherwise. */
export function QueryState({ isPending, error, children }: QueryStateProps) {
  if (error) {
    return (
      <Alert color="red" variant="light" title="Could not load this" role="alert">
        {errorMessage(error)}
      </Alert>
    );
  }
  if (isPending) {
    return (
      <Center py="xl">
        <Loader role="status" aria-label="Loading" />
      </Center>
    );
  }
  return <>{children}</>;
}
