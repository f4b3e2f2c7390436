import { Alert } from "@mantine/core";
import { errorMessage } from "../app/api-client";

/** The server's (or the form's own) explanation of why a submission failed; field errors also show on their fields. */
export function FormError({ error, title = "That didn't work" }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
