import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { Link, useNavigate, useParams } from "react-router";
import type { RiskDetail } from "../../../contracts/risks";
import { registerPolicy } from "../../../core/access/policies";
import { ORG_PATHS, orgHref } from "../../app/org-paths";
import { useCurrentOrg } from "../../app/org-scope";
import { reopenWhenStale } from "../../app/stale-version";
import { DeleteButton } from "../../components/delete-button";
import { FormError, SaveError } from "../../components/form-error";
import { PageHeader } from "../../components/page-header";
import { QueryState } from "../../components/query-state";
import { useScrollToHash } from "../../components/use-scroll-to-hash";
import { useCurrentUser } from "../auth/session";
import { useMemberOptions } from "../members/member-api";
import { useRiskMethod } from "../risk-method/risk-method-api";
import { DecisionsPanel } from "./risk-decisions";
import { RiskForm, type RiskFormOptions } from "./risk-form";
import { KIND_LABELS } from "./risk-labels";
import { RiskQuantResults } from "./risk-quant";
import { useRisk, useRiskMutations, useRiskOptions } from "./risks-api";

export const NEW_RISK = "new";

/** One risk (or a new one): identification, scores, treatment, estimates, and the decisions on it. */
export function RiskPage() {
  const { org, role } = useCurrentOrg();
  const user = useCurrentUser();
  const { riskId = NEW_RISK } = useParams();
  const creating = riskId === NEW_RISK;
  const risk = useRisk(org.id, riskId, !creating);
  const method = useRiskMethod(org.id);
  const { assets, threats, vulnerabilities, controls } = useRiskOptions(org.id);
  const members = useMemberOptions(org.id);
  const canEdit = registerPolicy.can({ role }, "write");
  const { create, update, remove, loadStarterCatalog: loadStarter } = useRiskMutations(org.id);
  const navigate = useNavigate();
  useScrollToHash();

  const queries = [method, assets, threats, vulnerabilities, controls, members, ...(creating ? [] : [risk])];
  const pending = queries.some((q) => q.isPending);
  const error = queries.find((q) => q.error)?.error ?? null;
  const options: RiskFormOptions = {
    method: method.data?.inForce?.definition ?? null,
    assets: assets.data ?? [],
    threats: threats.data ?? [],
    vulnerabilities: vulnerabilities.data ?? [],
    controls: controls.data ?? [],
    members: members.data ?? [],
  };
  const back = (
    <Anchor component={Link} to={orgHref(org.id, ORG_PATHS.risks)} size="sm">
      Back to the register
    </Anchor>
  );
  const catalogAction = canEdit ? (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        An asset-based risk names a threat from the catalog.
      </Text>
      <Button size="xs" variant="light" loading={loadStarter.isPending} onClick={() => loadStarter.mutate()}>
        Load the starter threats and vulnerabilities
      </Button>
    </Group>
  ) : null;

  if (creating) {
    return (
      <>
        <PageHeader
          title="New risk"
          description="Identify the risk, name its owner and score it on the method's scales; the level is computed when you save."
          actions={back}
        />
        <QueryState isPending={pending} error={error}>
          <Stack maw={1200}>
            <RiskForm
              risk={null}
              options={options}
              readOnly={!canEdit}
              pending={create.isPending}
              error={create.error}
              catalogAction={catalogAction}
              footer={<FormError error={create.error} title="Could not create the risk" />}
              onSubmit={(input) =>
                create.mutate(input, { onSuccess: (saved) => navigate(orgHref(org.id, `${ORG_PATHS.risks}/${saved.id}`)) })
              }
            />
          </Stack>
        </QueryState>
      </>
    );
  }

  const data = risk.data;
  return (
    <QueryState isPending={pending} error={error}>
      {data && (
        <>
          <PageHeader
            title={`${data.ref} ${data.title}`}
            description={`${KIND_LABELS[data.kind]} risk · ${data.status === "open" ? "open" : "closed"} · owner ${data.owner?.name ?? "not named"} · scored with method version ${data.methodNumber ?? "—"}`}
            actions={
              <Group>
                {back}
                {canEdit && (
                  <DeleteButton
                    aria-label={`Delete risk ${data.ref}`}
                    title={`Delete risk ${data.ref}?`}
                    message="A risk that carries a decision cannot be deleted: close it instead. The audit log keeps a record of it."
                    failure={`Could not delete ${data.ref}`}
                    onDelete={(callbacks) =>
                      remove.mutate(data, { ...callbacks, onSuccess: () => navigate(orgHref(org.id, ORG_PATHS.risks)) })
                    }
                  />
                )}
              </Group>
            }
          />
          <Stack gap="xl" maw={1200}>
            {data.rescoreNeeded && (
              <Alert color="orange" variant="light" title="Re-score needed" role="status">
                <Stack gap="xs" align="flex-start">
                  <Text size="sm">
                    This risk was scored with method version {data.methodNumber}; version {method.data?.inForce?.number} is in force now.
                    Check the scores against the new scales, then re-score.
                  </Text>
                  {canEdit && (
                    <Button
                      size="xs"
                      variant="light"
                      color="orange"
                      loading={update.isPending}
                      onClick={() => update.mutate({ risk: data, input: detailInput(data), rescore: true })}
                    >
                      Re-score with the method in force
                    </Button>
                  )}
                </Stack>
              </Alert>
            )}
            <RiskForm
              // A stale save reloads the stored risk, which has a new version: the form starts again from it.
              key={`${data.id}:${data.version}`}
              risk={data}
              options={options}
              readOnly={!canEdit}
              pending={update.isPending}
              error={update.error}
              catalogAction={catalogAction}
              footer={<SaveError error={update.error} what="the risk" />}
              onSubmit={(input) =>
                update.mutate(
                  { risk: data, input },
                  {
                    onSuccess: () => update.reset(),
                    // The form is keyed by the risk's version: reading the risk again reopens it on what is stored.
                    onError: reopenWhenStale({ reload: async () => (await risk.refetch()).data }),
                  },
                )
              }
            />
            {data.quantified && (
              <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="risk-quant-title">
                <Title order={2} size="h4" id="risk-quant-title" mb="md">
                  Quantitative view
                </Title>
                <RiskQuantResults orgId={org.id} riskId={data.id} version={data.version} />
              </Paper>
            )}
            {data.controls.length > 0 && (
              <Group gap={6} role="group" aria-label="Controls treating this risk">
                <Text size="sm">Treated with:</Text>
                {data.controls.map((c) => (
                  <Badge key={c.id} variant="light" title={c.title}>
                    {c.ref}
                  </Badge>
                ))}
              </Group>
            )}
            <DecisionsPanel risk={data} orgId={org.id} role={role} userId={user.id} methodApproved={method.data?.approved ?? false} />
          </Stack>
        </>
      )}
    </QueryState>
  );
}

/** The stored risk as an update's input, for a re-score that changes nothing else. */
function detailInput(r: RiskDetail): Record<string, unknown> {
  const score = (s: RiskDetail["inherent"]) => (s ? { likelihood: s.likelihood, impact: s.impact, rationale: s.rationale } : null);
  return {
    kind: r.kind,
    title: r.title,
    description: r.description,
    assetId: r.asset?.id ?? null,
    threatId: r.threat?.id ?? null,
    vulnerabilityId: r.vulnerability?.id ?? null,
    consequence: r.consequence,
    riskSource: r.riskSource,
    event: r.event,
    affectedAssetIds: r.affectedAssets.map((a) => a.id),
    ownerUserId: r.owner?.id ?? null,
    inherent: score(r.inherent),
    current: score(r.current),
    residual: score(r.residual),
    treatment: r.treatment,
    treatmentPlan: r.treatmentPlan,
    treatmentOwner: r.treatmentOwner,
    treatmentDue: r.treatmentDue,
    controlIds: r.controlIds,
    reviewDate: r.reviewDate,
    status: r.status,
    quant: r.quant,
  };
}
