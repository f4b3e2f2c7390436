import type { Asset, ValuationScaleDocument } from "../../../contracts/assets";
import type { ScopeElementItem } from "../../../contracts/scope";
import { ASSET_KINDS, type AssetKind } from "../../../core/assets/inventory";
import type { FieldSpec } from "../registers/fields";

export const KIND_LABELS: Record<AssetKind, string> = {
  business_process: "Business process",
  information: "Information",
  hardware: "Hardware",
  software: "Software",
  network: "Network",
  people: "People",
  site: "Site",
  supplier: "Supplier",
  service: "Service",
};

export const KIND_OPTIONS = ASSET_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

type Objective = ValuationScaleDocument["objectives"][number];

const levelOptions = (objective: Objective, blank: string) => [
  { value: "", label: blank },
  ...objective.levels.map((label, index) => ({ value: String(index + 1), label: `${index + 1} – ${label}` })),
];

/**
 * The asset form follows the organization's valuation scale: a level per objective for the asset's
 * own value, and one per objective that overrides what a supporting asset derives. The shared
 * field renderer handles flat names, so the nested valuations travel as "valuation.<key>".
 */
export function assetFields(scale: ValuationScaleDocument, elements: readonly ScopeElementItem[]): FieldSpec[] {
  return [
    { name: "name", label: "Name" },
    { name: "kind", label: "Kind", kind: "select", options: KIND_OPTIONS },
    { name: "description", label: "Description", kind: "textarea" },
    { name: "owner", label: "Owner", description: "Who is accountable for the asset" },
    { name: "custodian", label: "Custodian", description: "Who looks after it day to day on the owner's behalf" },
    { name: "classification", label: "Classification" },
    {
      name: "locationElementId",
      label: "Location",
      kind: "select",
      description: "The scope element where the asset is; an asset at an excluded element is out of scope",
      options: [{ value: "", label: "Not set" }, ...elements.map((e) => ({ value: e.id, label: e.name }))],
    },
    ...scale.objectives.map(
      (o): FieldSpec => ({
        name: `valuation.${o.key}`,
        label: `${o.label}: own value`,
        kind: "select",
        description: "For supporting assets the value is normally derived from the primary assets they support",
        options: levelOptions(o, "Not valued"),
      }),
    ),
    ...scale.objectives.map(
      (o): FieldSpec => ({
        name: `valuationOverride.${o.key}`,
        label: `${o.label}: override`,
        kind: "select",
        description: "Supporting assets only: replaces the derived value",
        options: levelOptions(o, "No override"),
      }),
    ),
    { name: "overrideReason", label: "Override reason", kind: "textarea", description: "Required with an override" },
    { name: "externalRef", label: "External reference", description: "The asset's identifier in another system, such as a CMDB" },
  ];
}

/** The asset's values in the flat form the fields use. */
export function flatAsset(asset: Asset | null): Record<string, unknown> | null {
  if (!asset) return null;
  const levels = (prefix: string, values: Record<string, number>) =>
    Object.fromEntries(Object.entries(values).map(([key, level]) => [`${prefix}.${key}`, level]));
  return { ...asset, ...levels("valuation", asset.valuation), ...levels("valuationOverride", asset.valuationOverride) };
}

/** The form's flat values as the API's input, with the chosen levels gathered into their valuations. */
export function assetInput(values: Record<string, unknown>, scale: ValuationScaleDocument): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const valuation: Record<string, number> = {};
  const valuationOverride: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    const [group, key] = name.split(".");
    if (key && (group === "valuation" || group === "valuationOverride")) {
      if (value !== null && value !== "") (group === "valuation" ? valuation : valuationOverride)[key] = Number(value);
    } else input[name] = value;
  }
  const known = new Set(scale.objectives.map((o) => o.key));
  const onScale = (levels: Record<string, number>) => Object.fromEntries(Object.entries(levels).filter(([k]) => known.has(k)));
  return { ...input, valuation: onScale(valuation), valuationOverride: onScale(valuationOverride) };
}
