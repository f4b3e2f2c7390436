import { IMPORT_REGISTERS, type ImportRegister } from "../../core/imports/columns.js";
import type { RegisterBinding } from "./binding.js";

let bindings: Promise<ReadonlyMap<ImportRegister, RegisterBinding>> | undefined;

/**
 * Every importable register's binding, as the areas declare them in their manifests (`imports`),
 * gathered on first use: the list of areas imports the importer's routes in turn. Each register
 * the import columns know must have exactly one binding.
 */
export function importBindings(): Promise<ReadonlyMap<ImportRegister, RegisterBinding>> {
  bindings ??= import("../modules/areas.js").then(({ AREAS }) => {
    const byRegister = new Map<ImportRegister, RegisterBinding>();
    for (const binding of AREAS.flatMap((area) => area.imports ?? [])) {
      if (byRegister.has(binding.register)) throw new Error(`two areas bind the import of "${binding.register}"`);
      byRegister.set(binding.register, binding);
    }
    const unbound = IMPORT_REGISTERS.filter((register) => !byRegister.has(register));
    if (unbound.length > 0) throw new Error(`no area binds the import of ${unbound.join(", ")}`);
    return byRegister;
  });
  return bindings;
}

/** The binding of one importable register. */
export const bindingOf = async (register: ImportRegister): Promise<RegisterBinding> =>
  (await importBindings()).get(register) as RegisterBinding;
