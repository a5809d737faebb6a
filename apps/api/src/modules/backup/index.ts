export { BackupError, readBackupManifest, type BackupManifest } from './backup.file';
export { createBackup, type BackupResult } from './create-backup';
export { restorePgBackup, restorePgliteBackup, type RestoreResult } from './restore-backup';
export { runScheduledBackup, startScheduledBackups } from './scheduled-backup';
