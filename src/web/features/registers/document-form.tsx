import { Button, Group, Paper, Stack, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { AnySingletonEndpoints } from "../../../contracts/register";
import { fieldErrors } from "../../app/api-client";
import { SaveError } from "../../components/form-error";
import { QueryState } from "../../components/query-state";
import { changedFields, StaleApprovalWarning } from "./approval-warning";
import { type FieldSpec, Fields, initialState, toInput } from "./fields";
import { type RegisterDocument, registerPath, useDocument, useSaveDocument } from "./register-api";

interface DocumentFormProps {
  orgId: string;
  /** The document's contracts (src/contracts); the values are checked against its input schema before sending. */
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
  fields: readonly FieldSpec[];
  idPrefix: string;
  canEdit: boolean;
  save: ReturnType<typeof useSaveDocument>;
  title: string;
}

function DocumentFields({ orgId, path, document, fields, idPrefix, canEdit, save, title }: DocumentFieldsProps) {
  const [initial] = useState(() => initialState(fields, document));
  const [values, setValues] = useState(initial);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(
          { values: toInput(fields, values), version: document.version },
          { onSuccess: () => notifications.show({ color: "teal", message: `${title}: saved.` }) },
        );
      }}
    >
      <Stack>
        <Fields
          fields={fields}
          values={values}
          onChange={(name, value) => setValues((v) => ({ ...v, [name]: value }))}
          errors={fieldErrors(save.error)}
          readOnly={!canEdit}
          idPrefix={idPrefix}
        />
        {canEdit && <StaleApprovalWarning orgId={orgId} target={{ document: path }} changed={changedFields(initial, values)} />}
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
