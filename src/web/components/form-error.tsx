import { Alert } from "@mantine/core";
import { errorMessage, isStaleVersion } from "../app/api-client";

/** The server's (or the form's own) explanation of why a submission failed; field errors also show on their fields. */
export function FormError({ error, title = "That didn't work" }: { error: unknown; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}

/**
 * Why saving a versioned record failed. When someone else saved first, the form has been
 * reloaded with what is stored, and says so rather than showing the server's wording.
 */
export function SaveError({ error, what }: { error: unknown; what: string }) {
  if (!isStaleVersion(error)) return <FormError error={error} title={`Could not save ${what}`} />;
  return (
    <Alert color="orange" variant="light" title="Someone else changed this in the meantime" role="alert">
      Your changes were not saved. The form now shows {what} as it is stored: check it, make your changes again and save.
    </Alert>
  );
}
