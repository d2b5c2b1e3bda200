import { webProcessCount } from "~/http/process-count";

describe("web process count (WEB_CONCURRENCY)", () => {
  it("uses every core in production unless told otherwise, one process in development", () => {
    expect(webProcessCount({ setting: undefined, production: true, cores: 8 })).toBe(8);
    expect(webProcessCount({ setting: "", production: true, cores: 2 })).toBe(2);
    expect(webProcessCount({ setting: undefined, production: false, cores: 8 })).toBe(1);
    expect(webProcessCount({ setting: "auto", production: false, cores: 4 })).toBe(4);
    expect(webProcessCount({ setting: "1", production: true, cores: 8 })).toBe(1);
    expect(webProcessCount({ setting: " 3 ", production: true, cores: 8 })).toBe(3);
  });

  it("refuses values that are not a whole number from 1 to 64", () => {
    for (const setting of ["0", "-1", "1.5", "65", "two", "1e2", "0x2"]) {
      expect(() => webProcessCount({ setting, production: true, cores: 2 }), setting).toThrow(/WEB_CONCURRENCY/);
    }
  });
});
