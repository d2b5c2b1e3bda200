/**
 * Stored files in an S3-compatible bucket (issue 15 item 5, decision 132). The bucket is s3rver, a local
 * STAND-IN for S3 on loopback (it speaks S3's HTTP API and checks the request signatures, and keeps the
 * objects in a temporary folder): the only thing mocked is the S3 service itself, at the network boundary.
 * The app's code talks to it through @aws-sdk/client-s3 exactly as it would to AWS or MinIO.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { readPhoto, storePhoto } from "~/catalog/photos.server";
import { readSealedPdf } from "~/mou/seal.server";
import { verifyByCode } from "~/mou/verify.server";
import { readStored, saveProof } from "~/payments/uploads.server";
import { loader as photoLoader } from "~/routes/media.products.$file";
import { deleteObject, getObject, isStorageKey, objectStoreKind, putObject } from "~/storage/object-store.server";
import { mouOutForSignature, signAll } from "../helpers/mou-fixture";

const BUCKET = "bermitra-test";
let server: S3rver;
let bucketDir: string;
let diskDir: string;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  bucketDir = mkdtempSync(path.join(tmpdir(), "bermitra-s3rver-"));
  diskDir = mkdtempSync(path.join(tmpdir(), "bermitra-disk-"));
  server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: bucketDir, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  // The test's clock is pinned (tests/setup/clock.ts) and s3rver checks signatures against it, but node would
  // write the HTTP Date header from the machine's clock, and the SDK corrects its own clock from that header
  // (then every later request looks skewed to the stand-in). The stand-in sends no Date header instead.
  (server as unknown as { httpServer: import("node:http").Server }).httpServer.prependListener("request", (_request, response) => {
    response.sendDate = false;
  });
  const env = {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_FORCE_PATH_STYLE: "1",
    S3_REGION: "us-east-1",
    // s3rver's built-in key pair: the stand-in checks each request's signature with it
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    S3_PREFIX: "city-batu",
    // the disk store is pointed at an empty folder: nothing may land there while S3 is configured
    UPLOAD_DIR: diskDir,
  };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await server?.close();
  rmSync(bucketDir, { recursive: true, force: true });
  rmSync(diskDir, { recursive: true, force: true });
});

/** The keys the stand-in holds (its folder mirrors the bucket). */
function bucketKeys(): string[] {
  const root = path.join(bucketDir, BUCKET);
  const keys: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!entry.name.includes("._S3rver_")) keys.push(path.relative(root, full));
      else if (entry.name.endsWith("._S3rver_object")) keys.push(path.relative(root, full).replace(/\._S3rver_object$/, ""));
    }
  };
  if (existsSync(root)) walk(root);
  return keys.sort();
}

describe("object storage on S3 (s3rver stand-in)", () => {
  it("puts, gets and deletes by key under the prefix; a missing key is null; keys that leave the store are refused", async () => {
    expect(objectStoreKind()).toBe("s3");
    await putObject("probe/hello.txt", Buffer.from("halo"), "text/plain");
    expect(bucketKeys()).toContain("city-batu/probe/hello.txt");
    expect((await getObject("probe/hello.txt"))?.toString()).toBe("halo");
    await putObject("probe/hello.txt", Buffer.from("halo lagi"), "text/plain");
    expect((await getObject("probe/hello.txt"))?.toString()).toBe("halo lagi");
    await deleteObject("probe/hello.txt");
    expect(await getObject("probe/hello.txt")).toBeNull();
    expect(await getObject("probe/never-written.txt")).toBeNull();
    for (const bad of ["../etc/passwd", "/abs", "a/../../b", "a//b", ""]) {
      expect(isStorageKey(bad)).toBe(false);
      expect(await getObject(bad)).toBeNull();
      await expect(putObject(bad, Buffer.from("x"), "text/plain")).rejects.toThrow(/not a storage key/);
    }
  });

  it("a product photo is stored in the bucket in both sizes and served by the app's route from there", async () => {
    const png = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#c05621" } }).png().toBuffer();
    const stored = await storePhoto(png);
    expect(bucketKeys()).toEqual(expect.arrayContaining([`city-batu/products/${stored.fileKey}-sm.webp`, `city-batu/products/${stored.fileKey}-lg.webp`]));
    expect((await readPhoto(stored.fileKey, "lg"))?.subarray(8, 12).toString()).toBe("WEBP");
    const response = await photoLoader({ params: { file: `${stored.fileKey}-sm.webp` }, request: new Request("http://localhost/"), context: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/webp");
    expect((await sharp(Buffer.from(await response.arrayBuffer())).metadata()).width).toBe(480);
    await expect(photoLoader({ params: { file: `${"0".repeat(24)}-sm.webp` }, request: new Request("http://localhost/"), context: {} })).rejects.toMatchObject({ status: 404 });
  });

  it("a payment proof is typed by its bytes and stored in the bucket", async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#2b6cb0" } }).png().toBuffer();
    const key = await saveProof(new File([png], "bukti transfer.png", { type: "image/png" }), "payments", "proof");
    expect(key).toMatch(/^payments\/[0-9a-f-]{36}\.png$/);
    expect(bucketKeys()).toContain(`city-batu/${key}`);
    const read = await readStored(key);
    expect(read?.mime).toBe("image/png");
    expect(read?.bytes.equals(png)).toBe(true);
  });

  it("the sealed MoU PDF goes to the bucket after the last signature; verification reads it back from there", async () => {
    const version = await signAll((await mouOutForSignature()).id);
    expect(version.pdfKey).toMatch(/^mou\//);
    expect(version.sealError).toBeNull();
    expect(bucketKeys()).toContain(`city-batu/${version.pdfKey}`);
    expect((await readSealedPdf(version.pdfKey!))?.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await verifyByCode(version.verificationCode!)).authentic).toBe(true);
  });

  it("wrote nothing to the disk store meanwhile", () => {
    expect(readdirSync(diskDir, { recursive: true })).toEqual([]);
  });
});
