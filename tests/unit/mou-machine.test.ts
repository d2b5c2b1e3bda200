import { DomainError } from "~/domain/errors";
import { mouMachine, mouVersionMachine } from "~/mou/mou-machine";
import { canonicalJson, contentHash, sha256Hex } from "~/mou/canonical";
import { normaliseVerificationCode } from "~/mou/seal.server";

describe("MoU state machine", () => {
  it("allows exactly the documented path draft → review → signature → active → expired | terminated", () => {
    expect(mouMachine.apply("DRAFT", "submit")).toBe("IN_REVIEW");
    expect(mouMachine.apply("IN_REVIEW", "sendForSignature")).toBe("OUT_FOR_SIGNATURE");
    expect(mouMachine.apply("OUT_FOR_SIGNATURE", "complete")).toBe("ACTIVE");
    expect(mouMachine.apply("ACTIVE", "expire")).toBe("EXPIRED");
    expect(mouMachine.apply("ACTIVE", "terminate", "Mitra berhenti")).toBe("TERMINATED");
    expect(mouMachine.apply("ACTIVE", "amend")).toBe("ACTIVE");
    expect(mouMachine.apply("IN_REVIEW", "returnToDraft", "Perbaiki harga")).toBe("DRAFT");
    expect(mouMachine.apply("OUT_FOR_SIGNATURE", "decline", "Belum setuju")).toBe("DRAFT");
  });

  it("refuses illegal transitions and transitions without a required reason", () => {
    expect(() => mouMachine.apply("DRAFT", "sendForSignature")).toThrow(DomainError);
    expect(() => mouMachine.apply("DRAFT", "complete")).toThrow(DomainError);
    expect(() => mouMachine.apply("EXPIRED", "amend")).toThrow(DomainError);
    expect(() => mouMachine.apply("TERMINATED", "terminate", "lagi")).toThrow(DomainError);
    expect(() => mouMachine.apply("EXPIRED", "terminate", "x")).toThrow(DomainError);
    expect(() => mouMachine.apply("ACTIVE", "terminate", "  ")).toThrow("errors:reasonRequired");
    expect(() => mouMachine.apply("OUT_FOR_SIGNATURE", "decline")).toThrow("errors:reasonRequired");
    expect(mouMachine.eventsFrom("ACTIVE").sort()).toEqual(["amend", "expire", "terminate"]);
  });

  it("only lets draft versions be submitted and signed versions be superseded", () => {
    expect(mouVersionMachine.apply("OUT_FOR_SIGNATURE", "sign")).toBe("SIGNED");
    expect(mouVersionMachine.apply("SIGNED", "supersede")).toBe("SUPERSEDED");
    expect(() => mouVersionMachine.apply("SIGNED", "sign")).toThrow(DomainError);
    expect(() => mouVersionMachine.apply("SUPERSEDED", "submit")).toThrow(DomainError);
    expect(() => mouVersionMachine.apply("DECLINED", "sendForSignature")).toThrow(DomainError);
  });
});

describe("canonical hashing", () => {
  const content = { title: "MoU", parties: { partner: { id: "p", signatoryName: "A" } }, scope: { items: [{ unitPrice: 2500, quantityPerDelivery: 10 }] } };
  it("sorts keys recursively, keeps array order and is stable", () => {
    const shuffled = { scope: { items: [{ quantityPerDelivery: 10, unitPrice: 2500 }] }, parties: { partner: { signatoryName: "A", id: "p" } }, title: "MoU" };
    expect(canonicalJson(shuffled)).toBe(canonicalJson(content));
    expect(contentHash(shuffled)).toBe(contentHash(content));
    expect(contentHash(content)).toBe(sha256Hex(canonicalJson(content)));
    expect(contentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });
  it("changes with any change of one byte of content", () => {
    const text = canonicalJson(content);
    for (let i = 0; i < text.length; i += 7) {
      const changed = text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
      expect(sha256Hex(changed)).not.toBe(contentHash(content));
    }
    expect(contentHash({ ...content, scope: { items: [{ unitPrice: 2501, quantityPerDelivery: 10 }] } })).not.toBe(contentHash(content));
  });
  it("normalises verification codes typed by hand", () => {
    expect(normaliseVerificationCode(" bmt ab2c-de3f ")).toBe("BMT-AB2C-DE3F");
    expect(normaliseVerificationCode("AB2CDE3F")).toBe("BMT-AB2C-DE3F");
  });
});
