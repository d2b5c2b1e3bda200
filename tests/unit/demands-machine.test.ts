import { demandMachine, offerMachine } from "~/demands/machines";
import { refusal } from "../helpers/refusal";


describe("demand state machine", () => {
  it("follows draft → open → partly awarded → awarded → closed", () => {
    expect(demandMachine.apply("DRAFT", "publish")).toBe("OPEN");
    expect(demandMachine.apply("OPEN", "awardPartly")).toBe("PARTLY_AWARDED");
    expect(demandMachine.apply("PARTLY_AWARDED", "awardPartly")).toBe("PARTLY_AWARDED");
    expect(demandMachine.apply("PARTLY_AWARDED", "award")).toBe("AWARDED");
    expect(demandMachine.apply("OPEN", "award")).toBe("AWARDED");
    expect(demandMachine.apply("AWARDED", "close")).toBe("CLOSED");
    expect(demandMachine.apply("PARTLY_AWARDED", "close")).toBe("CLOSED");
  });

  it("cancels from draft or open only, and only with a reason", () => {
    expect(demandMachine.apply("DRAFT", "cancel", "tidak jadi")).toBe("CANCELLED");
    expect(demandMachine.apply("OPEN", "cancel", "menu berubah")).toBe("CANCELLED");
    expect(refusal(() => demandMachine.apply("OPEN", "cancel", "  ")).key).toBe("errors:reasonRequired");
    for (const from of ["PARTLY_AWARDED", "AWARDED", "CLOSED", "CANCELLED"] as const) {
      const error = refusal(() => demandMachine.apply(from, "cancel", "alasan"));
      expect(error.key).toBe("errors:transitionNotAllowed");
      expect(error.params).toMatchObject({ machine: "demand", event: "cancel", from });
    }
  });

  it("refuses illegal transitions with a reason", () => {
    expect(refusal(() => demandMachine.apply("OPEN", "publish")).key).toBe("errors:transitionNotAllowed");
    expect(refusal(() => demandMachine.apply("DRAFT", "award")).key).toBe("errors:transitionNotAllowed");
    expect(refusal(() => demandMachine.apply("OPEN", "close")).key).toBe("errors:transitionNotAllowed");
    expect(refusal(() => demandMachine.apply("CLOSED", "publish")).key).toBe("errors:transitionNotAllowed");
    expect(refusal(() => demandMachine.apply("CANCELLED", "awardPartly")).key).toBe("errors:transitionNotAllowed");
    expect(demandMachine.eventsFrom("DRAFT").sort()).toEqual(["cancel", "publish"]);
    expect(demandMachine.eventsFrom("CLOSED")).toEqual([]);
  });
});

describe("offer state machine", () => {
  it("can be revised, shortlisted, accepted or declined while pending", () => {
    expect(offerMachine.apply("SUBMITTED", "revise")).toBe("SUBMITTED");
    expect(offerMachine.apply("SHORTLISTED", "revise")).toBe("SUBMITTED");
    expect(offerMachine.apply("SUBMITTED", "shortlist")).toBe("SHORTLISTED");
    expect(offerMachine.apply("SHORTLISTED", "accept")).toBe("ACCEPTED");
    expect(offerMachine.apply("SUBMITTED", "decline", "harga terlalu tinggi")).toBe("DECLINED");
    expect(offerMachine.apply("SUBMITTED", "withdraw")).toBe("WITHDRAWN");
    expect(offerMachine.apply("WITHDRAWN", "resubmit")).toBe("SUBMITTED");
  });

  it("is final once decided", () => {
    for (const from of ["ACCEPTED", "DECLINED"] as const) {
      for (const event of ["revise", "withdraw", "accept", "shortlist"] as const) {
        expect(refusal(() => offerMachine.apply(from, event)).key).toBe("errors:transitionNotAllowed");
      }
    }
    expect(refusal(() => offerMachine.apply("SUBMITTED", "decline")).key).toBe("errors:reasonRequired");
    expect(refusal(() => offerMachine.apply("WITHDRAWN", "accept")).key).toBe("errors:transitionNotAllowed");
  });
});
