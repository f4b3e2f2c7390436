/**
 * The shape of the asset inventory (7.3): primary assets are what the organization values for
 * its own sake (business processes, information); supporting assets are what they depend on.
 */
export const PRIMARY_ASSET_KINDS = ["business_process", "information"] as const;
export const SUPPORTING_ASSET_KINDS = ["hardware", "software", "network", "people", "site", "supplier", "service"] as const;
export const ASSET_KINDS = [...PRIMARY_ASSET_KINDS, ...SUPPORTING_ASSET_KINDS] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];
export type AssetCategory = "primary" | "supporting";

export function assetCategory(kind: string): AssetCategory {
  return (PRIMARY_ASSET_KINDS as readonly string[]).includes(kind) ? "primary" : "supporting";
}

/**
 * Why a "supports" link from one asset to another is not allowed, or null when it is. Links run
 * from a supporting asset to a primary one only, so dependencies are one level deep and a
 * supporting asset's value can be read straight off what it supports.
 */
export function supportLinkProblem(
  supporting: { id: string; kind: string },
  primary: { id: string; kind: string },
): { field: "assetId" | "primaryAssetId"; message: string } | null {
  if (supporting.id === primary.id) return { field: "primaryAssetId", message: "an asset cannot support itself" };
  if (assetCategory(supporting.kind) === "primary")
    return { field: "assetId", message: "is a primary asset; only supporting assets support others" };
  if (assetCategory(primary.kind) === "supporting")
    return { field: "primaryAssetId", message: "is a supporting asset; a supporting asset can only support a primary asset" };
  return null;
}

/**
 * Why an asset cannot change from one kind to another while `links` supports links hang on it,
 * or null when it can: links run from supporting to primary assets, so switching sides would
 * leave them pointing the wrong way.
 */
export function categoryChangeProblem(fromKind: string, toKind: string, links: number): string | null {
  const category = assetCategory(toKind);
  if (links === 0 || category === assetCategory(fromKind)) return null;
  return `the asset has ${links} supports link(s); remove them before making it a ${category} asset`;
}

/**
 * An asset is in scope unless its location is a scope element recorded as out of scope: with no
 * location, or a location the scope registers do not know, it counts as in scope, so that nothing
 * drops out of the inventory's completeness checks by accident.
 */
export function isInScope(locationElementId: string | null, outOfScope: ReadonlySet<string>): boolean {
  return locationElementId === null || !outOfScope.has(locationElementId);
}
