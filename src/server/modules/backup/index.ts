export { backupRoutes } from "./backup.routes.js";
export { BackupRefused, backupTo, checkBackup, listTables, MAX_BACKUP_LINE, orderByReferences, restoreFrom } from "./backup.service.js";
export {
  backupOrganizationTo,
  type OrganizationRestore,
  readHeader,
  restoreBackup,
  restoreOrganizationFrom,
} from "./organization-backup.js";
