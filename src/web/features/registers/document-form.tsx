import { Button, Group, Paper, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import type { z } from "zod";
import type { AnySingletonEndpoints } from "../../../contracts/register";
import { fieldErrors } from "../../app/api-client";
import { SaveError } from "../../components/form-error";
import { QueryState } from "../../components/query-state";
import { changedFields, StaleApprovalWarning } from "./approval-warning";
import type { FieldSpec } from "./fields";
import { Fields } from "./fields";
import { type RegisterDocument, registerPath, useDocument, useSaveDocument } from "./register-api";
import { useFieldsForm } from "./use-fields-form";

interface DocumentFormProps {
  orgId: string;
  /** The document's contracts (src/contracts): the form is checked with their input schema before anything is sent, and marked from it. */
  endpoints: AnySingletonEndpoints;
  fields: readonly FieldSpec[];
  title: string;
  canEdit: boolean;
}

/** A document the organization has one of (priorities, preliminary scope, business case), read and written whole. */
export function DocumentForm({ orgId, endpoints, fields, title, canEdit }: DocumentFormProps) {
  const path = registerPath(endpoints);
  const document = useDocument<RegisterDocument & Record<string, unknown>>(orgId, endpoints);
  const save = useSaveDocument(orgId, endpoints);
  const schema = useMemo(() => (endpoints.replace.body as z.ZodObject).omit({ version: true }), [endpoints]);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby={`${path}-title`} id={path} tabIndex={-1}>
      <Title order={2} size="h4" id={`${path}-title`} mb="md">
        {title}
      </Title>
      <QueryState isPending={document.isPending} error={document.error}>
        {document.data && (
          // Remounted at each version, so a save or a reload after a conflict shows exactly what is stored.
          <DocumentFields
            key={document.data.version}
            orgId={orgId}
            path={path}
            document={document.data}
            schema={schema}
            fields={fields}
            idPrefix={path}
            canEdit={canEdit}
            save={save}
            title={title}
          />
        )}
      </QueryState>
    </Paper>
  );
}

interface DocumentFieldsProps {
  orgId: string;
  path: string;
  document: RegisterDocument & Record<string, unknown>;
  schema: z.ZodObject;
  fields: readonly FieldSpec[];
  idPrefix: string;
  canEdit: boolean;
  save: ReturnType<typeof useSaveDocument>;
  title: string;
}

function DocumentFields({ orgId, path, document, schema, fields, idPrefix, canEdit, save, title }: DocumentFieldsProps) {
  const form = useFieldsForm({ schema, fields, source: document });
  const [initial] = useState(form.values);
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        save.mutate(
          { values, version: document.version },
          { onSuccess: () => notifications.show({ color: "teal", message: `${title}: saved.` }) },
        ),
      )}
    >
      <Stack>
        <Fields
          fields={form.fields}
          values={form.values}
          onChange={form.setValue}
          onBlur={form.blur}
          errors={{ ...fieldErrors(save.error), ...form.errors }}
          readOnly={!canEdit}
          idPrefix={idPrefix}
        />
        {canEdit && <StaleApprovalWarning orgId={orgId} target={{ document: path }} changed={changedFields(initial, form.values)} />}
        <SaveError error={save.error} what={title.toLowerCase()} />
        {canEdit && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save {title.toLowerCase()}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
