/** Help pages live outside any organization: the words mean the same everywhere. */
export const HELP_PATHS = {
  glossary: "help/glossary",
} as const;
