/**
 * Uploads are typed by their bytes (file-type), stored under random names and served with nosniff and a
 * safe Content-Disposition (issue 10 item 9): app/http/stored-files.server.ts.
 */
import sharp from "sharp";
import { contentDisposition, detectFileType, DOCUMENT_TYPES, IMAGE_TYPES, mimeOfKey, PDF_TYPES, randomFileKey, sanitizeFileName, storedFileHeaders } from "~/http/stored-files.server";

const png = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#c00" } }).png().toBuffer();
const jpeg = () => sharp({ create: { width: 4, height: 4, channels: 3, background: "#0c0" } }).jpeg().toBuffer();
const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe("typing uploads by their content", () => {
  it("detects images and PDFs from the bytes", async () => {
    expect(await detectFileType(await png(), IMAGE_TYPES)).toEqual({ mime: "image/png", ext: "png" });
    expect(await detectFileType(await jpeg(), IMAGE_TYPES)).toEqual({ mime: "image/jpeg", ext: "jpg" });
    expect(await detectFileType(pdf, DOCUMENT_TYPES)).toEqual({ mime: "application/pdf", ext: "pdf" });
  });

  it("refuses what is not an allowed type, whatever the name or declared type said", async () => {
    expect(await detectFileType(pdf, IMAGE_TYPES)).toBeNull();
    expect(await detectFileType(await png(), PDF_TYPES)).toBeNull();
    expect(await detectFileType(Buffer.from("<html><script>alert(1)</script></html>"), DOCUMENT_TYPES)).toBeNull();
    expect(await detectFileType(Buffer.from("GIF89a\x01\x00\x01\x00\x00\x00\x00;", "latin1"), IMAGE_TYPES)).toBeNull();
    expect(await detectFileType(Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), DOCUMENT_TYPES)).toBeNull();
    expect(await detectFileType(new Uint8Array(0), DOCUMENT_TYPES)).toBeNull();
    expect(await detectFileType(new Uint8Array([0x89, 0x50]), IMAGE_TYPES)).toBeNull();
  });

  it("stores under a random name with the detected extension", () => {
    const a = randomFileKey("offers", { mime: "image/png", ext: "png" });
    const b = randomFileKey("offers", { mime: "image/png", ext: "png" });
    expect(a).toMatch(/^offers\/[0-9a-f-]{36}\.png$/);
    expect(a).not.toBe(b);
    expect(mimeOfKey(a)).toBe("image/png");
    expect(mimeOfKey("x/evil.html")).toBe("application/octet-stream");
  });
});

describe("serving stored files", () => {
  it("sanitises file names: no paths, controls, bidi overrides, quotes or lone surrogates", () => {
    expect(sanitizeFileName("../../etc/passwd")).toBe("passwd");
    expect(sanitizeFileName("C:\\Users\\x\\foto.jpg")).toBe("foto.jpg");
    expect(sanitizeFileName("invoice\u202egpj.exe")).toBe("invoice_gpj.exe");
    expect(sanitizeFileName('a"b\r\nSet-Cookie: x=1')).toBe("a_b__Set-Cookie_ x=1");
    expect(sanitizeFileName("x\ud800y.pdf")).toBe("x_y.pdf");
    expect(sanitizeFileName("...")).toBe("file");
    expect(sanitizeFileName("")).toBe("file");
    expect([...sanitizeFileName("é".repeat(500))].length).toBe(120);
  });

  it("writes an ASCII filename and an RFC 5987 filename*", () => {
    expect(contentDisposition("attachment", "Laporan pelatihan.pdf")).toBe(`attachment; filename="Laporan pelatihan.pdf"; filename*=UTF-8''Laporan%20pelatihan.pdf`);
    expect(contentDisposition("inline", "ﷺ café (1).jpg")).toBe(`inline; filename="_ cafe (1).jpg"; filename*=UTF-8''%EF%B7%BA%20caf%C3%A9%20%281%29.jpg`);
    const header = contentDisposition("inline", 'x"; filename="evil.html\r\n');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.match(/"/g)).toHaveLength(2);
    // a header value Node accepts
    expect(() => new Headers({ "Content-Disposition": contentDisposition("attachment", "\u0000\ud800😀.pdf") })).not.toThrow();
  });

  it("sends nosniff; only images and PDFs inline", () => {
    expect(storedFileHeaders({ mime: "image/png", fileName: "a.png" })).toMatchObject({ "Content-Type": "image/png", "X-Content-Type-Options": "nosniff", "Content-Disposition": expect.stringMatching(/^inline;/) });
    expect(storedFileHeaders({ mime: "application/pdf", fileName: "a.pdf", inline: false })["Content-Disposition"]).toMatch(/^attachment;/);
    expect(storedFileHeaders({ mime: "application/octet-stream", fileName: "a.html" })["Content-Disposition"]).toMatch(/^attachment;/);
  });
});
