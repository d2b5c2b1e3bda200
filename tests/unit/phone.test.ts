import { formatPhone, normaliseIndonesianPhone } from "~/messaging/phone";

describe("Indonesian phone numbers", () => {
  it.each([
    ["0812-3456-7890", "+6281234567890"],
    ["+62 812 3456 7890", "+6281234567890"],
    ["6281234567890", "+6281234567890"],
    ["81234567890", "+6281234567890"],
    ["(0813) 3010.4452", "+6281330104452"],
  ])("%s → %s", (input, expected) => expect(normaliseIndonesianPhone(input)).toBe(expected));

  it.each(["0341-591234", "12345", "0812-abc-7890", "", "+1 415 555 0100", "08123"])("refuses %s", (input) => expect(normaliseIndonesianPhone(input)).toBeNull());

  it("formats for display", () => expect(formatPhone("+6281234567890")).toBe("+62 812-3456-7890"));
});
