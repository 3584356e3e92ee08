export {
  writeBackup,
  restoreBackup,
  databaseFingerprint,
  tablesInOrder,
  BackupError,
  BACKUP_FORMAT,
  type BackupHeader,
} from './backup.service.ts';
