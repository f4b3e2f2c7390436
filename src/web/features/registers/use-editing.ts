import type { UseMutationResult } from "@tanstack/react-query";
import { useState } from "react";
import { reopenWhenStale } from "../../app/stale-version";

export type Editing<T> = { mode: "create" } | { mode: "edit"; item: T };

type Values = Record<string, unknown>;

/**
 * Which record a form is open for, and how its values are saved: a create, or an update that,
 * when someone else changed the record meanwhile, reopens the form on the record as it is now.
 */
export function useEditing<T extends { id: string; version: number }>(
  create: UseMutationResult<unknown, Error, Values>,
  update: UseMutationResult<unknown, Error, { item: T; values: Values }>,
) {
  const [editing, setEditing] = useState<Editing<T> | null>(null);
  const close = () => {
    create.reset();
    update.reset();
    setEditing(null);
  };
  const submit = (values: Values) => {
    if (!editing) return;
    if (editing.mode === "create") {
      create.mutate(values, { onSuccess: close });
      return;
    }
    update.mutate(
      { item: editing.item, values },
      { onSuccess: close, onError: reopenWhenStale<T>({ reopen: (item) => setEditing({ mode: "edit", item }) }) },
    );
  };
  return {
    editing,
    setEditing,
    close,
    submit,
    pending: create.isPending || update.isPending,
    error: editing?.mode === "edit" ? update.error : create.error,
    /** A stale edit reopens on the stored record, which has a new version: keyed by it, the form starts again from it. */
    formKey: editing?.mode === "edit" ? `${editing.item.id}:${editing.item.version}` : "new",
  };
}
