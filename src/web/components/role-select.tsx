import { NativeSelect, type NativeSelectProps } from "@mantine/core";
import { isRole, ROLE_LABELS, ROLES, type Role } from "../../core/access/roles";

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface RoleSelectProps extends Omit<NativeSelectProps, "data" | "value" | "onChange"> {
  value?: Role | null;
  onChange?: (role: Role | null) => void;
  /** Offers "All roles" (as null) first: for filters. */
  anyLabel?: string;
}

/** A native select: compact in a table row, and every browser makes it keyboard- and screen-reader-friendly. */
export function RoleSelect({ value, onChange, anyLabel, ...props }: RoleSelectProps) {
  const data = anyLabel ? [{ value: "", label: anyLabel }, ...ROLE_OPTIONS] : ROLE_OPTIONS;
  return (
    <NativeSelect
      data={data}
      {...(value !== undefined && { value: value ?? "" })}
      {...(onChange && { onChange: (event) => onChange(isRole(event.currentTarget.value) ? event.currentTarget.value : null) })}
      {...props}
    />
  );
}
