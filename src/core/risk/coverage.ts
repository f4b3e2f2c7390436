/** The primary assets in scope, the risks that reach them and the "no risk identified" decisions. */
export interface CoverageInput {
  primaryAssets: { id: string; name: string }[];
  /** Supporting asset id -> primary asset ids it supports. */
  supports: Map<string, string[]>;
  risks: { id: string; assetId: string | null; affectedAssetIds: string[]; open: boolean }[];
  exemptAssetIds: Set<string>;
}

/**
 * Which risks cover each primary asset: a risk on the asset itself, a risk on a supporting asset
 * it depends on, or a scenario that affects it. Closed risks still count: they were assessed.
 */
export function riskCoverage(input: CoverageInput): Map<string, string[]> {
  const covered = new Map<string, string[]>(input.primaryAssets.map((a) => [a.id, []]));
  const add = (assetId: string, riskId: string) => covered.get(assetId)?.push(riskId);
  for (const risk of input.risks) {
    const reached = new Set<string>(risk.affectedAssetIds);
    if (risk.assetId) {
      reached.add(risk.assetId);
      for (const primary of input.supports.get(risk.assetId) ?? []) reached.add(primary);
    }
    for (const assetId of reached) add(assetId, risk.id);
  }
  return covered;
}

export function uncoveredAssets(input: CoverageInput): { id: string; name: string }[] {
  const coverage = riskCoverage(input);
  return input.primaryAssets.filter((a) => (coverage.get(a.id)?.length ?? 0) === 0 && !input.exemptAssetIds.has(a.id));
}
