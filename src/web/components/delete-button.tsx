import { notifications } from "@mantine/notifications";
import type { ReactNode } from "react";
import { errorMessage } from "../app/api-client";
import { ConfirmButton } from "./confirm-button";

interface DeleteButtonProps {
  "aria-label": string;
  title: string;
  message: ReactNode;
  /** The notification's title when the server refuses, e.g. "Could not delete “Engineering”". */
  failure: string;
  /** Runs the deletion; the callbacks show the server's refusal to the user. */
  onDelete: (callbacks: { onError: (error: Error) => void }) => void;
}

/** Deletes after confirmation, and says why when the server refuses (the record is still in use, …). */
export function DeleteButton({ failure, onDelete, ...confirm }: DeleteButtonProps) {
  return (
    <ConfirmButton
      {...confirm}
      onConfirm={() =>
        onDelete({
          onError: (error) => notifications.show({ color: "red", title: failure, message: errorMessage(error), autoClose: 10_000 }),
        })
      }
    >
      Delete
    </ConfirmButton>
  );
}
