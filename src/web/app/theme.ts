import { Badge, createTheme, localStorageColorSchemeManager } from "@mantine/core";
import classes from "./theme.module.css";

export const theme = createTheme({
  primaryColor: "blue",
  defaultRadius: "md",
  headings: { fontWeight: "650" },
  components: {
    Badge: Badge.extend({ classNames: { root: classes.badge, label: classes.badgeLabel } }),
  },
});

/** Light, dark or the system's: chosen in the account menu and kept in this browser. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: "isms-color-scheme" });
