/** A reason to stop before anything is written or replaced, for the operator to put right (exit 2). */
export class BackupRefused extends Error {}

/** The description beside a dump is missing or is not one (exit 2: nothing can be checked without it). */
export class ManifestError extends Error {}
