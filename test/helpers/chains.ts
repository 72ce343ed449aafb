/**
 * Named certificate-chain shapes used by the thumbprint tests, the openssl
 * differential test and the benchmark. Each shape says what it serves (wire
 * order), what the trust file holds, and which certificate the thumbprint
 * must come from.
 */
import {
  createIntermediate,
  createLeaf,
  createRoot,
  crossSign,
  daysFromNow,
  type Issued,
  selfSignAgain,
} from "./pki.ts";

export interface ChainShape {
  name: string;
  key: Issued;
  /** What the server sends, in order. */
  served: Issued[];
  /** What the --ca-file holds. */
  trusted: Issued[];
  /** The certificate whose SHA-1 is the right thumbprint. */
  expected: Issued;
  /** Certificates that must NOT be chosen (e.g. a trust-store root). */
  notExpected: Issued[];
}

export const EKS_HOST = "oidc.eks.us-east-1.amazonaws.com";

/**
 * The EKS shape: leaf <- intermediate <- root A cross-signed by root B <-
 * root B cross-signed by root C; self-signed A, B, C trusted. The thumbprint
 * is B's cross-signed copy (last sent), never C from the trust file.
 */
export async function eksShape(hosts: string[] = [EKS_HOST, "127.0.0.1"]): Promise<ChainShape> {
  const rootC = await createRoot("Test Starfield Class 2 CA");
  const rootB = await createRoot("Test Starfield Services Root G2");
  const rootA = await createRoot("Test Amazon Root CA 1");
  const aByB = await crossSign(rootA, rootB);
  const bByC = await crossSign(rootB, rootC);
  const intermediate = await createIntermediate("Test Amazon Server CA 1B", rootA);
  const leaf = await createLeaf(hosts, intermediate);
  return {
    name: "eks",
    key: leaf,
    served: [leaf, intermediate, aByB, bByC],
    trusted: [rootA, rootB, rootC],
    expected: bByC,
    notExpected: [rootC, rootB],
  };
}

/** Only the leaf is sent (issued straight by a trusted root). */
export async function leafOnlyShape(
  hosts: string[] = [EKS_HOST, "127.0.0.1"],
): Promise<ChainShape> {
  const root = await createRoot("Leaf-only Root");
  const leaf = await createLeaf(hosts, root);
  return {
    name: "leaf-only",
    key: leaf,
    served: [leaf],
    trusted: [root],
    expected: leaf,
    notExpected: [root],
  };
}

/** leaf, root, intermediate: the last sent is the intermediate, the real top is the root. */
export async function outOfOrderShape(
  hosts: string[] = [EKS_HOST, "127.0.0.1"],
): Promise<ChainShape> {
  const root = await createRoot("Out-of-order Root");
  const intermediate = await createIntermediate("Out-of-order Intermediate", root);
  const leaf = await createLeaf(hosts, intermediate);
  return {
    name: "out-of-order",
    key: leaf,
    served: [leaf, root, intermediate],
    trusted: [root],
    expected: intermediate,
    notExpected: [root],
  };
}

/**
 * The last certificate sent (root R cross-signed by an old root) has expired,
 * but the chain still verifies through a trusted self-signed copy of R's key
 * (the AddTrust story of 2020).
 */
export async function expiredLastShape(
  hosts: string[] = [EKS_HOST, "127.0.0.1"],
): Promise<ChainShape> {
  const oldRoot = await createRoot("Old Root", {
    notBefore: daysFromNow(-3650),
    notAfter: daysFromNow(-2),
  });
  const root = await createRoot("Renewed Root");
  const rootByOld = await crossSign(root, oldRoot, {
    notBefore: daysFromNow(-3000),
    notAfter: daysFromNow(-1),
  });
  const rootSelf = await selfSignAgain(root, { notAfter: daysFromNow(3650) });
  const intermediate = await createIntermediate("Renewed Intermediate", root);
  const leaf = await createLeaf(hosts, intermediate);
  return {
    name: "expired-last",
    key: leaf,
    served: [leaf, intermediate, rootByOld],
    trusted: [rootSelf],
    expected: rootByOld,
    notExpected: [rootSelf],
  };
}

/** A leaf sent with the root that issued it; the root is trusted and is the thumbprint certificate. */
export function leafAndRootShape(name: string, leaf: Issued, root: Issued): ChainShape {
  return {
    name,
    key: leaf,
    served: [leaf, root],
    trusted: [root],
    expected: root,
    notExpected: [],
  };
}

/** Every shape, for the differential test. */
export async function allShapes(): Promise<ChainShape[]> {
  return [
    await eksShape(),
    await leafOnlyShape(),
    await outOfOrderShape(),
    await expiredLastShape(),
  ];
}

/** PEM text of a trust file holding `certs`. */
export function trustFile(certs: Issued[]): string {
  return certs.map((c) => c.pem).join("");
}

/** The SHA-1 thumbprint IAM wants, computed from the DER with node:crypto. */
export async function sha1Of(cert: Issued): Promise<string> {
  const { createHash } = await import("node:crypto");
  return createHash("sha1").update(cert.der).digest("hex");
}
