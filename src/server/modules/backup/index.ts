export { BackupRefused, backupTo, checkBackup, listTables, orderByReferences, restoreFrom } from "./backup.service.js";
