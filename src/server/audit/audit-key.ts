import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { ConfigError } from "../config.js";

/**
 * The key that signs audit chain heads and checkpoints. It lives outside the database (a file
 * or an environment variable), so whoever can write the database but not read the key cannot
 * make a rewritten chain verify. Ed25519: the public half alone checks a signature.
 */
export interface AuditKey {
  /** The first 16 hex digits of the SHA-256 of the public key: names the key in signatures and checkpoints. */
  id: string;
  /** The public key, SPKI DER in base64. */
  publicKey: string;
  sign(statement: string): string;
  verify(statement: string, signature: string): boolean;
  /** Where the key was generated just now (first start on SQLite), or null when it already existed or was given. */
  createdFile: string | null;
}

/** A key that cannot be used is a configuration error: the start stops with one line naming it. */
export class AuditKeyError extends ConfigError {}

/** A fresh Ed25519 private key in PEM (PKCS #8), as `openssl genpkey -algorithm ed25519` makes it. */
export function generateAuditKeyPem(): string {
  return generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

export function auditKeyFromPem(pem: string, createdFile: string | null = null): AuditKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem.includes("\\n") && !pem.includes("\n") ? pem.replaceAll("\\n", "\n") : pem);
  } catch {
    throw new AuditKeyError("is not a PEM private key");
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new AuditKeyError(`must be an Ed25519 key, not ${privateKey.asymmetricKeyType}`);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: "spki", format: "der" });
  // Each write checks the head it extends; a head this process signed or checked is known good
  // (a signature that verified once always will), which spares most of the checks' cost.
  const known = new Set<string>();
  const remember = (entry: string) => {
    if (known.size >= 1000) known.delete(known.values().next().value as string);
    known.add(entry);
  };
  return {
    id: createHash("sha256").update(der).digest("hex").slice(0, 16),
    publicKey: der.toString("base64"),
    sign: (statement) => {
      const signature = sign(null, Buffer.from(statement, "utf8"), privateKey).toString("base64");
      remember(`${signature} ${statement}`);
      return signature;
    },
    verify: (statement, signature) => {
      if (known.has(`${signature} ${statement}`)) return true;
      let valid = false;
      try {
        valid = verify(null, Buffer.from(statement, "utf8"), publicKey, Buffer.from(signature, "base64"));
      } catch {
        valid = false;
      }
      if (valid) remember(`${signature} ${statement}`);
      return valid;
    },
    createdFile,
  };
}

export const DEFAULT_KEY_FILE_NAME = "isms-audit.key";

/** Where the key of a SQLite database lives when none is configured: beside the database file. */
export function defaultKeyFile(sqliteFile: string): string {
  return join(dirname(resolve(sqliteFile)), DEFAULT_KEY_FILE_NAME);
}

/** Reads the key at `path`, or makes one there (readable by the owner only) when `create` and it is absent. */
export function keyFromFile(path: string, create: boolean): AuditKey {
  if (!existsSync(path)) {
    if (!create) throw new AuditKeyError(`${path} does not exist; create a key with \`isms audit keygen -o ${path}\``);
    try {
      writeFileSync(path, generateAuditKeyPem(), { flag: "wx", mode: 0o600 });
      chmodSync(path, 0o600);
      return auditKeyFromPem(readFileSync(path, "utf8"), path);
    } catch (err) {
      // Another process made it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
  try {
    return auditKeyFromPem(readFileSync(path, "utf8"));
  } catch (err) {
    if (err instanceof AuditKeyError) throw new AuditKeyError(`${path} ${err.message}`);
    throw err;
  }
}

export interface AuditKeySettings {
  ISMS_AUDIT_KEY_FILE?: string | undefined;
  ISMS_AUDIT_KEY?: string | undefined;
}

/**
 * The configured key: ISMS_AUDIT_KEY (PEM text), ISMS_AUDIT_KEY_FILE (a PEM file that must
 * exist), or undefined to let the database choose its default (a SQLite file gets a key made
 * beside it; PostgreSQL runs unsigned).
 */
export function configuredAuditKey(settings: AuditKeySettings): AuditKey | undefined {
  if (settings.ISMS_AUDIT_KEY) {
    try {
      return auditKeyFromPem(settings.ISMS_AUDIT_KEY);
    } catch (err) {
      throw new AuditKeyError(`invalid configuration: ISMS_AUDIT_KEY ${(err as Error).message}`);
    }
  }
  if (settings.ISMS_AUDIT_KEY_FILE) {
    try {
      return keyFromFile(settings.ISMS_AUDIT_KEY_FILE, false);
    } catch (err) {
      throw new AuditKeyError(`invalid configuration: ISMS_AUDIT_KEY_FILE ${(err as Error).message}`);
    }
  }
  return undefined;
}
