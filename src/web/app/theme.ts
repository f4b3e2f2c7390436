import { Badge, type CSSVariablesResolver, createTheme, localStorageColorSchemeManager, Notification } from "@mantine/core";
import classes from "./theme.module.css";

export const theme = createTheme({
  primaryColor: "blue",
  // Text on a filled colour is black or white, whichever reads (WCAG 2.1 AA, issue 15 item 9).
  autoContrast: true,
  luminanceThreshold: 0.18,
  // Filled buttons and badges in shade 9: white text on shade 6 reads at about 3:1 only.
  primaryShade: { light: 9, dark: 8 },
  defaultRadius: "md",
  headings: { fontWeight: "650" },
  components: {
    Badge: Badge.extend({ classNames: { root: classes.badge, label: classes.badgeLabel } }),
    // A notification's close button is named, so axe and screen readers know what it does.
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { "aria-label": "Close notification" } } }),
  },
});

/** Light, dark or the system's: chosen in the account menu and kept in this browser. */
export const colorSchemeManager = localStorageColorSchemeManager({ key: "isms-color-scheme" });

/**
 * Text colours dark enough for WCAG 2.1 AA (4.5:1) in the light scheme: muted text, and the
 * text of light-variant badges, alerts and buttons (status badges), whose default shade 6 falls
 * short. Shade 9 reads on its tint for most colours; green, lime, yellow and orange need darker.
 */
const LIGHT_TEXT: Record<string, string> = {
  blue: "var(--mantine-color-blue-9)",
  cyan: "var(--mantine-color-cyan-9)",
  grape: "var(--mantine-color-grape-9)",
  indigo: "var(--mantine-color-indigo-9)",
  pink: "var(--mantine-color-pink-9)",
  red: "#b02525",
  teal: "#06694b",
  violet: "var(--mantine-color-violet-9)",
  gray: "var(--mantine-color-gray-8)",
  dark: "var(--mantine-color-dark-7)",
  green: "#1f6b30",
  lime: "#3f6b06",
  yellow: "#6e4a00",
  orange: "#9c330a",
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    // A field's error text, which shade 6 shows at under 4.5:1 (on the grey of a dialog too).
    "--mantine-color-error": LIGHT_TEXT.red as string,
    ...Object.fromEntries(
      Object.entries(LIGHT_TEXT).flatMap(([color, text]) => [
        [`--mantine-color-${color}-light-color`, text],
        [`--mantine-color-${color}-outline`, text],
      ]),
    ),
    // Subtle and outline controls and anchors in the primary colour.
    "--mantine-color-blue-text": "var(--mantine-color-blue-8)",
    "--mantine-color-anchor": "var(--mantine-color-blue-8)",
  },
  dark: {},
});
